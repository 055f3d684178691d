package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.geo.EmergencyDepartments;
import uk.ambulance.ops.generators.output.DeliveryShaper;
import uk.ambulance.ops.generators.output.KafkaSink;
import uk.ambulance.ops.generators.output.NdjsonFiles;
import uk.ambulance.ops.generators.output.Pacer;
import uk.ambulance.ops.generators.output.PublishWindow;
import uk.ambulance.ops.generators.output.RecordSink;
import uk.ambulance.ops.generators.output.StreamWriter;
import uk.ambulance.ops.generators.sim.SimOutput;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.sim.Simulation;

/** {@code simulate}: runs the simulated service to NDJSON files or to Kafka. */
public final class SimulateCommand {
  public static final String GROUND_TRUTH_FILE = "ground-truth.ndjson";
  static final String TODAY = "today";
  static final Duration TODAY_COMPLETE = Duration.ofHours(3);
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  static final List<Option> OPTIONS =
      KafkaOptions.with(
          List.of(
              Option.of("out", "DIR", "write NDJSON files (one per stream + ground truth) here"),
              Option.of("bootstrap", "HOST:PORT", "publish to Kafka instead (live)"),
              Option.of(
                  "truth", "FILE", "ground-truth file (default DIR/" + GROUND_TRUTH_FILE + ")"),
              Option.of(
                  "start",
                  "INSTANT|today",
                  "simulated start (files: 2026-04-06T00:00:00Z; Kafka: now); Kafka 'today': London's"
                      + " midnight, or 3 h ago if earlier"),
              Option.of(
                  "warm-up",
                  "DURATION",
                  "simulate this long before the start (e.g. PT6H) and publish none of it: queues,"
                      + " crews at hospitals and the fleet are in their steady state at the start"),
              Option.of(
                  "avl-history",
                  "DURATION",
                  "Kafka: send vehicle positions only from this long before now (e.g. PT1H); they are"
                      + " most of the volume"),
              Option.of("days", "N", "days of calls to simulate (default 1)"),
              Option.of("hours", "N", "hours of calls to simulate (instead of --days)"),
              Option.of("seed", "N", "random seed (default 20260406); same seed, same output"),
              Option.of("speed", "N|max", "Kafka: N times real time, or max (default 1)"),
              Option.flag(
                  "wall-clock",
                  "Kafka: send each record when the clock reaches its time (with --start in the past:"
                      + " catch up at once, then real time)"),
              Option.of("calls-per-day", "N", "average calls a day (default 6000)"),
              Option.of("demand-factor", "X", "multiply demand (default 1.0)"),
              Option.flag("surge", "surge day: demand x1.3"),
              Option.of("ambulances", "N", "double-crewed ambulances in the fleet (default 370)"),
              Option.of("cars", "N", "fast response cars in the fleet (default 100)"),
              Option.of("avl-interval", "SECONDS", "AVL reporting interval (default 30)"),
              Option.of(
                  "hospital-interval", "MINUTES", "hospital status at least every (default 15)"),
              Option.flag("no-avl", "do not produce the AVL stream"),
              Option.of("major-incident", "WHEN", "major incident at an instant or offset (PT14H)"),
              Option.of("major-incident-at", "LAT,LON", "its place (default 51.5033,-0.1196)"),
              Option.of("major-incident-calls", "N", "calls it causes (default 80)"),
              Option.of("major-incident-minutes", "M", "over how long (default 20)"),
              Option.of("ed-closed", "HOSPITAL", "an ED closed to ambulances (e.g. RLH)"),
              Option.of("ed-closed-from", "WHEN", "closure start (default: the start)"),
              Option.of("ed-closed-until", "WHEN", "closure end (default: the end)"),
              Option.of("avl-outage", "WHEN", "AVL feed outage from an instant or offset"),
              Option.of("avl-outage-minutes", "M", "outage length (default 30)"),
              Option.of("malformed", "SHARE", "share of records followed by a malformed copy"),
              Option.of("duplicates", "SHARE", "share of records delivered twice (same eventId)"),
              Option.of("out-of-order", "SHARE", "share of records delivered late"),
              Option.of(
                  "max-delay", "SECONDS", "most a late or repeated record lags (default 120)"),
              Option.flag("quiet", "no progress line"),
              Option.flag("help", "this help")));

  private SimulateCommand() {}

  static String help() {
    return Options.help(
        "generators simulate (--out DIR | --bootstrap HOST:PORT) [options]",
        "Simulates the London Ambulance Service and writes cad.incidents, avl.positions and"
            + " hospital.status,\nplus the ground truth of every incident. Times are ISO-8601 UTC.",
        OPTIONS);
  }

  /** A checked command line: what to simulate, where to, and what of it to publish. */
  record Plan(
      Options options,
      SimSettings settings,
      boolean toKafka,
      Path truthPath,
      Instant publishFrom,
      Instant positionsFrom) {}

  /**
   * Parses and checks a command line without running anything: every mistake a {@link
   * UsageException}. {@code deploy/docker-compose.yml}'s command lines are checked through it.
   */
  static Plan plan(String[] args) throws UsageException {
    Options o = Options.parse("simulate", OPTIONS, args);
    boolean toKafka = o.has("bootstrap");
    if (o.has("help")) {
      return new Plan(o, null, toKafka, null, null, null);
    }
    if (toKafka == o.has("out")) {
      throw new UsageException("simulate: give exactly one of --out DIR or --bootstrap HOST:PORT");
    }
    if (toKafka) {
      if (o.has("wall-clock") && o.has("speed")) {
        throw new UsageException("simulate: --wall-clock and --speed do not go together");
      }
      o.speed("speed", 1);
    } else {
      for (String liveOnly : List.of("speed", "avl-history")) {
        if (o.has(liveOnly)) {
          throw new UsageException("simulate: --" + liveOnly + " applies to --bootstrap only");
        }
      }
      if (o.text("start", "").equals(TODAY)) {
        throw new UsageException("simulate: --start today applies to --bootstrap only");
      }
      KafkaOptions.refuseWithoutKafka("simulate", o);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant publishFrom = start(o, toKafka, now);
    Duration warmUp = o.duration("warm-up", Duration.ZERO, Duration.ofDays(7));
    SimSettings settings = settings(o, publishFrom);
    // The warm-up runs before the start; scenario times stay relative to the start.
    settings =
        settings
            .withStart(publishFrom.minus(warmUp))
            .withDuration(settings.duration().plus(warmUp));
    Instant positionsFrom =
        o.has("avl-history")
            ? now.minus(o.duration("avl-history", Duration.ZERO, Duration.ofDays(366)))
            : publishFrom;
    Path truthPath =
        o.has("truth")
            ? Path.of(o.text("truth", ""))
            : toKafka ? null : Path.of(o.text("out", ".")).resolve(GROUND_TRUTH_FILE);
    return new Plan(o, settings, toKafka, truthPath, publishFrom, positionsFrom);
  }

  static int run(String[] args, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Plan plan = plan(args);
    Options o = plan.options();
    if (o.has("help")) {
      out.print(help());
      return 0;
    }
    SimSettings settings = plan.settings();
    Progress progress = new Progress(err, !o.has("quiet"));
    long[] sent = new long[1];
    RecordSink sink;
    if (plan.toKafka()) {
      KafkaSink kafka = KafkaOptions.sink("simulate", o, o.text("bootstrap", ""));
      // Said once, on a line of its own: deploy/local/stack waits for it before calling the
      // simulator ready, since only then is the history on the topics.
      Runnable caughtUp =
          () ->
              err.printf(
                  "%ncaught up with the wall clock: %,d records of history sent in %.1f s;"
                      + " real time from now%n",
                  sent[0], progress.elapsedSeconds());
      sink =
          o.has("wall-clock")
              ? Pacer.onWallClock(kafka, caughtUp)
              : new Pacer(kafka, o.speed("speed", 1));
    } else {
      NdjsonFiles files = new NdjsonFiles(Path.of(o.text("out", ".")));
      for (String topic : Topics.INPUTS) {
        files.open(topic);
      }
      sink = files;
    }
    if (!settings.delivery().isClean()) {
      sink = new DeliveryShaper(sink, settings.delivery(), settings.seed());
    }
    Writer truth = null;
    Path truthPath = plan.truthPath();
    if (truthPath != null) {
      if (truthPath.getParent() != null) {
        Files.createDirectories(truthPath.getParent());
      }
      truth = Files.newBufferedWriter(truthPath, StandardCharsets.UTF_8);
    }
    long calls;
    StreamWriter writer = new StreamWriter(sink, truth, settings.feeds().avlEnabled());
    SimOutput output =
        new PublishWindow(
            writer, plan.publishFrom().toEpochMilli(), plan.positionsFrom().toEpochMilli());
    try (writer) {
      calls =
          new Simulation(settings, output)
              .run(
                  t -> {
                    sent[0] = writer.total();
                    progress.update("simulated to " + Instant.ofEpochMilli(t), writer::total);
                  });
    }
    progress.done();
    long[] c = writer.counts();
    err.printf(
        "%,d calls; records: %,d cad.incidents, %,d avl.positions, %,d hospital.status in %.1f s%n",
        calls, c[0], c[1], c[2], progress.elapsedSeconds());
    return 0;
  }

  /**
   * {@code --start}: an instant, or for a live run {@code today}: London's midnight, or {@link
   * #TODAY_COMPLETE} ago if that is earlier, so that today's figures count the whole day and the
   * last hour's count every incident whose clock stopped in it, the long C2 and C3 waits included.
   */
  private static Instant start(Options o, boolean live, Instant now) throws UsageException {
    if (live && o.text("start", "").trim().equals(TODAY)) {
      Instant midnight = now.atZone(LONDON).toLocalDate().atStartOfDay(LONDON).toInstant();
      Instant complete = now.minus(TODAY_COMPLETE);
      return midnight.isBefore(complete) ? midnight : complete;
    }
    Instant fallback = live ? now : SimSettings.DEFAULT_FILE_START;
    return o.instant("start", fallback, fallback);
  }

  static SimSettings settings(Options o, Instant start) throws UsageException {
    SimSettings s = SimSettings.defaults();
    Duration duration =
        o.has("hours")
            ? Duration.ofHours(o.longValue("hours", 24, 1, 24 * 366))
            : Duration.ofDays(o.longValue("days", 1, 1, 366));
    Instant end = start.plus(duration);
    s =
        s.withStart(start)
            .withDuration(duration)
            .withSeed(o.longValue("seed", s.seed(), Long.MIN_VALUE, Long.MAX_VALUE));

    double factor =
        o.number(
            "demand-factor", o.has("surge") ? SimSettings.Demand.SURGE_FACTOR : 1.0, 0.01, 100);
    s =
        s.withDemand(
            s.demand()
                .withCallsPerDay(o.number("calls-per-day", s.demand().callsPerDay(), 1, 1e6))
                .withDemandFactor(factor));
    s =
        s.withFleet(
            s.fleet()
                .withSize(
                    (int) o.longValue("ambulances", s.fleet().ambulances(), 1, 100_000),
                    (int) o.longValue("cars", s.fleet().responseCars(), 0, 100_000)));
    s =
        s.withFeeds(
            new SimSettings.Feeds(
                Duration.ofSeconds(o.longValue("avl-interval", 30, 1, 3600)),
                Duration.ofMinutes(o.longValue("hospital-interval", 15, 1, 1440)),
                !o.has("no-avl")));
    s = s.withScenarios(scenarios(o, start, end));
    s =
        s.withDelivery(
            new SimSettings.Delivery(
                o.number("malformed", 0, 0, 1),
                o.number("duplicates", 0, 0, 1),
                o.number("out-of-order", 0, 0, 1),
                Duration.ofSeconds(o.longValue("max-delay", 120, 1, 86_400))));
    return s;
  }

  private static SimSettings.Scenarios scenarios(Options o, Instant start, Instant end)
      throws UsageException {
    SimSettings.MajorIncident major = null;
    if (o.has("major-incident")) {
      // Default place: Waterloo station, one of London's busiest.
      double[] at = o.latLon("major-incident-at", new double[] {51.5033, -0.1196});
      major =
          new SimSettings.MajorIncident(
              o.instant("major-incident", start, start),
              at[0],
              at[1],
              (int) o.longValue("major-incident-calls", 80, 1, 10_000),
              Duration.ofMinutes(o.longValue("major-incident-minutes", 20, 0, 24 * 60)));
    } else if (o.has("major-incident-at") || o.has("major-incident-calls")) {
      throw new UsageException("simulate: --major-incident WHEN is needed with its details");
    }
    SimSettings.EdClosure closure = null;
    if (o.has("ed-closed")) {
      String id = o.text("ed-closed", "").trim();
      try {
        EmergencyDepartments.byId(id);
      } catch (IllegalArgumentException e) {
        throw new UsageException("simulate: " + e.getMessage());
      }
      closure =
          new SimSettings.EdClosure(
              id,
              window(
                  "ed-closed",
                  o.instant("ed-closed-from", start, start),
                  o.instant("ed-closed-until", end.plus(Duration.ofDays(2)), start)));
    }
    SimSettings.Window outage = null;
    if (o.has("avl-outage")) {
      Instant from = o.instant("avl-outage", start, start);
      outage =
          window(
              "avl-outage",
              from,
              from.plus(Duration.ofMinutes(o.longValue("avl-outage-minutes", 30, 1, 100_000))));
    }
    return new SimSettings.Scenarios(major, closure, outage);
  }

  private static SimSettings.Window window(String name, Instant from, Instant until)
      throws UsageException {
    if (!until.isAfter(from)) {
      throw new UsageException("simulate: --" + name + " must end after it starts");
    }
    return new SimSettings.Window(from, until);
  }
}
