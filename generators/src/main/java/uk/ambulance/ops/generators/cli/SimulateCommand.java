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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
@Command(
    name = "simulate",
    customSynopsis = "generators simulate (--out DIR | --bootstrap HOST:PORT) [options]",
    description = {
      "simulate the London Ambulance Service to NDJSON files or to Kafka",
      "",
      "Simulates the London Ambulance Service and writes cad.incidents, avl.positions and"
          + " hospital.status,",
      "plus the ground truth of every incident. Times are ISO-8601 UTC."
    })
public final class SimulateCommand extends GeneratorCommand {
  public static final String GROUND_TRUTH_FILE = "ground-truth.ndjson";
  static final String TODAY = "today";
  static final Duration TODAY_COMPLETE = Duration.ofHours(3);
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "write NDJSON files (one per stream + ground truth) here")
  Path out;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "publish to Kafka instead (live)")
  String bootstrap;

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description = "ground-truth file (default DIR/" + GROUND_TRUTH_FILE + ")")
  Path truth;

  @Option(
      names = "--start",
      paramLabel = "INSTANT|today",
      description =
          "simulated start (files: 2026-04-06T00:00:00Z; Kafka: now); Kafka 'today': London's"
              + " midnight, or 3 h ago if earlier")
  String start;

  @Option(
      names = "--warm-up",
      paramLabel = "DURATION",
      description =
          "simulate this long before the start (e.g. PT6H) and publish none of it: queues, crews"
              + " at hospitals and the fleet are in their steady state at the start")
  String warmUp;

  @Option(
      names = "--avl-history",
      paramLabel = "DURATION",
      description =
          "Kafka: send vehicle positions only from this long before now (e.g. PT1H); they are"
              + " most of the volume")
  String avlHistory;

  long days;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "1",
      description = "days of calls to simulate (default ${DEFAULT-VALUE})")
  void days(long n) {
    days = inRange("--days", n, 1, 366);
  }

  Long hours;

  @Option(
      names = "--hours",
      paramLabel = "N",
      description = "hours of calls to simulate (instead of --days)")
  void hours(long n) {
    hours = inRange("--hours", n, 1, 24 * 366);
  }

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "random seed (default 20260406); same seed, same output")
  Long seed;

  @Option(
      names = "--speed",
      paramLabel = "N|max",
      description = "Kafka: N times real time, or max (default 1)")
  String speed;

  @Option(
      names = "--wall-clock",
      description =
          "Kafka: send each record when the clock reaches its time (with --start in the past:"
              + " catch up at once, then real time)")
  boolean wallClock;

  Double callsPerDay;

  @Option(
      names = "--calls-per-day",
      paramLabel = "N",
      description = "average calls a day (default 6000)")
  void callsPerDay(double n) {
    callsPerDay = inRange("--calls-per-day", n, 1, 1e6);
  }

  Double demandFactor;

  @Option(
      names = "--demand-factor",
      paramLabel = "X",
      description = "multiply demand (default 1.0)")
  void demandFactor(double x) {
    demandFactor = inRange("--demand-factor", x, 0.01, 100);
  }

  @Option(names = "--surge", description = "surge day: demand x1.3")
  boolean surge;

  Integer ambulances;

  @Option(
      names = "--ambulances",
      paramLabel = "N",
      description = "double-crewed ambulances in the fleet (default 370)")
  void ambulances(long n) {
    ambulances = (int) inRange("--ambulances", n, 1, 100_000);
  }

  Integer cars;

  @Option(
      names = "--cars",
      paramLabel = "N",
      description = "fast response cars in the fleet (default 100)")
  void cars(long n) {
    cars = (int) inRange("--cars", n, 0, 100_000);
  }

  Duration avlInterval;

  @Option(
      names = "--avl-interval",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "AVL reporting interval (default ${DEFAULT-VALUE})")
  void avlInterval(long seconds) {
    avlInterval = Duration.ofSeconds(inRange("--avl-interval", seconds, 1, 3600));
  }

  Duration hospitalInterval;

  @Option(
      names = "--hospital-interval",
      paramLabel = "MINUTES",
      defaultValue = "15",
      description = "hospital status at least every (default ${DEFAULT-VALUE})")
  void hospitalInterval(long minutes) {
    hospitalInterval = Duration.ofMinutes(inRange("--hospital-interval", minutes, 1, 1440));
  }

  @Option(names = "--no-avl", description = "do not produce the AVL stream")
  boolean noAvl;

  @Option(
      names = "--major-incident",
      paramLabel = "WHEN",
      description = "major incident at an instant or offset (PT14H)")
  String majorIncident;

  double[] majorIncidentAt;

  @Option(
      names = "--major-incident-at",
      paramLabel = "LAT,LON",
      description = "its place (default 51.5033,-0.1196)")
  void majorIncidentAt(String latLon) {
    String[] parts = latLon.split(",");
    try {
      if (parts.length == 2) {
        majorIncidentAt =
            new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw usage("--major-incident-at must be LAT,LON, got '" + latLon + "'");
  }

  Integer majorIncidentCalls;

  @Option(
      names = "--major-incident-calls",
      paramLabel = "N",
      description = "calls it causes (default 80)")
  void majorIncidentCalls(long n) {
    majorIncidentCalls = (int) inRange("--major-incident-calls", n, 1, 10_000);
  }

  Duration majorIncidentDuration;

  @Option(
      names = "--major-incident-minutes",
      paramLabel = "M",
      defaultValue = "20",
      description = "over how long (default ${DEFAULT-VALUE})")
  void majorIncidentMinutes(long minutes) {
    majorIncidentDuration =
        Duration.ofMinutes(inRange("--major-incident-minutes", minutes, 0, 24 * 60));
  }

  @Option(
      names = "--ed-closed",
      paramLabel = "HOSPITAL",
      description = "an ED closed to ambulances (e.g. RLH)")
  String edClosed;

  @Option(
      names = "--ed-closed-from",
      paramLabel = "WHEN",
      description = "closure start (default: the start)")
  String edClosedFrom;

  @Option(
      names = "--ed-closed-until",
      paramLabel = "WHEN",
      description = "closure end (default: the end)")
  String edClosedUntil;

  @Option(
      names = "--avl-outage",
      paramLabel = "WHEN",
      description = "AVL feed outage from an instant or offset")
  String avlOutage;

  Duration avlOutageDuration;

  @Option(
      names = "--avl-outage-minutes",
      paramLabel = "M",
      defaultValue = "30",
      description = "outage length (default ${DEFAULT-VALUE})")
  void avlOutageMinutes(long minutes) {
    avlOutageDuration = Duration.ofMinutes(inRange("--avl-outage-minutes", minutes, 1, 100_000));
  }

  double malformed;

  @Option(
      names = "--malformed",
      paramLabel = "SHARE",
      defaultValue = "0",
      description = "share of records followed by a malformed copy")
  void malformed(double share) {
    malformed = inRange("--malformed", share, 0, 1);
  }

  double duplicates;

  @Option(
      names = "--duplicates",
      paramLabel = "SHARE",
      defaultValue = "0",
      description = "share of records delivered twice (same eventId)")
  void duplicates(double share) {
    duplicates = inRange("--duplicates", share, 0, 1);
  }

  double outOfOrder;

  @Option(
      names = "--out-of-order",
      paramLabel = "SHARE",
      defaultValue = "0",
      description = "share of records delivered late")
  void outOfOrder(double share) {
    outOfOrder = inRange("--out-of-order", share, 0, 1);
  }

  Duration maxDelay;

  @Option(
      names = "--max-delay",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "most a late or repeated record lags (default ${DEFAULT-VALUE})")
  void maxDelay(long seconds) {
    maxDelay = Duration.ofSeconds(inRange("--max-delay", seconds, 1, 86_400));
  }

  @Option(names = "--quiet", description = "no progress line")
  boolean quiet;

  @Mixin KafkaOptions kafka;

  /** What the checked command line simulates, where to, and what of it to publish. */
  private Plan plan;

  record Plan(SimSettings settings, Path truthPath, Instant publishFrom, Instant positionsFrom) {}

  /**
   * Checks the options together without running anything: every mistake a {@link
   * picocli.CommandLine.ParameterException}. {@code deploy/docker-compose.yml}'s command lines are
   * checked through it.
   */
  @Override
  void check() {
    boolean toKafka = bootstrap != null;
    if (toKafka == (out != null)) {
      throw usage("give exactly one of --out DIR or --bootstrap HOST:PORT");
    }
    if (toKafka) {
      if (wallClock && speed != null) {
        throw usage("--wall-clock and --speed do not go together");
      }
      speed("--speed", speed, 1);
    } else {
      if (speed != null) {
        throw usage("--speed applies to --bootstrap only");
      }
      if (avlHistory != null) {
        throw usage("--avl-history applies to --bootstrap only");
      }
      if (TODAY.equals(start)) {
        throw usage("--start today applies to --bootstrap only");
      }
      kafka.refuseWithoutKafka();
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant publishFrom = start(toKafka, now);
    Duration warmUpFor =
        warmUp == null ? Duration.ZERO : duration("--warm-up", warmUp, Duration.ofDays(7));
    SimSettings settings = settings(publishFrom);
    // The warm-up runs before the start; scenario times stay relative to the start.
    settings =
        settings
            .withStart(publishFrom.minus(warmUpFor))
            .withDuration(settings.duration().plus(warmUpFor));
    Instant positionsFrom =
        avlHistory != null
            ? now.minus(duration("--avl-history", avlHistory, Duration.ofDays(366)))
            : publishFrom;
    Path truthPath = truth != null ? truth : toKafka ? null : out.resolve(GROUND_TRUTH_FILE);
    plan = new Plan(settings, truthPath, publishFrom, positionsFrom);
  }

  Plan plan() {
    return plan;
  }

  @Override
  int run(PrintStream stdout, PrintStream err) throws IOException {
    SimSettings settings = plan.settings();
    Progress progress = new Progress(err, !quiet);
    long[] sent = new long[1];
    RecordSink sink;
    if (bootstrap != null) {
      KafkaSink toKafka = kafka.sink(bootstrap);
      // Said once, on a line of its own: deploy/local/stack waits for it before calling the
      // simulator ready, since only then is the history on the topics.
      Runnable caughtUp =
          () ->
              err.printf(
                  "%ncaught up with the wall clock: %,d records of history sent in %.1f s;"
                      + " real time from now%n",
                  sent[0], progress.elapsedSeconds());
      sink =
          wallClock
              ? Pacer.onWallClock(toKafka, caughtUp)
              : new Pacer(toKafka, speed("--speed", speed, 1));
    } else {
      NdjsonFiles files = new NdjsonFiles(out);
      for (String topic : Topics.INPUTS) {
        files.open(topic);
      }
      sink = files;
    }
    if (!settings.delivery().isClean()) {
      sink = new DeliveryShaper(sink, settings.delivery(), settings.seed());
    }
    Writer truthWriter = null;
    Path truthPath = plan.truthPath();
    if (truthPath != null) {
      if (truthPath.getParent() != null) {
        Files.createDirectories(truthPath.getParent());
      }
      truthWriter = Files.newBufferedWriter(truthPath, StandardCharsets.UTF_8);
    }
    long calls;
    StreamWriter writer = new StreamWriter(sink, truthWriter, settings.feeds().avlEnabled());
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
  private Instant start(boolean live, Instant now) {
    if (live && start != null && start.trim().equals(TODAY)) {
      Instant midnight = now.atZone(LONDON).toLocalDate().atStartOfDay(LONDON).toInstant();
      Instant complete = now.minus(TODAY_COMPLETE);
      return midnight.isBefore(complete) ? midnight : complete;
    }
    Instant fallback = live ? now : SimSettings.DEFAULT_FILE_START;
    return instant("--start", start, fallback, fallback);
  }

  private SimSettings settings(Instant from) {
    SimSettings s = SimSettings.defaults();
    Duration duration = hours != null ? Duration.ofHours(hours) : Duration.ofDays(days);
    Instant end = from.plus(duration);
    s = s.withStart(from).withDuration(duration).withSeed(seed != null ? seed : s.seed());
    double factor =
        demandFactor != null ? demandFactor : surge ? SimSettings.Demand.SURGE_FACTOR : 1.0;
    s =
        s.withDemand(
            s.demand()
                .withCallsPerDay(callsPerDay != null ? callsPerDay : s.demand().callsPerDay())
                .withDemandFactor(factor));
    s =
        s.withFleet(
            s.fleet()
                .withSize(
                    ambulances != null ? ambulances : s.fleet().ambulances(),
                    cars != null ? cars : s.fleet().responseCars()));
    s = s.withFeeds(new SimSettings.Feeds(avlInterval, hospitalInterval, !noAvl));
    s = s.withScenarios(scenarios(from, end));
    s = s.withDelivery(new SimSettings.Delivery(malformed, duplicates, outOfOrder, maxDelay));
    return s;
  }

  private SimSettings.Scenarios scenarios(Instant from, Instant end) {
    SimSettings.MajorIncident major = null;
    if (majorIncident != null) {
      // Default place: Waterloo station, one of London's busiest.
      double[] at = majorIncidentAt != null ? majorIncidentAt : new double[] {51.5033, -0.1196};
      major =
          new SimSettings.MajorIncident(
              instant("--major-incident", majorIncident, from, from),
              at[0],
              at[1],
              majorIncidentCalls != null ? majorIncidentCalls : 80,
              majorIncidentDuration);
    } else if (majorIncidentAt != null || majorIncidentCalls != null) {
      throw usage("--major-incident WHEN is needed with its details");
    }
    SimSettings.EdClosure closure = null;
    if (edClosed != null) {
      String id = edClosed.trim();
      try {
        EmergencyDepartments.byId(id);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      closure =
          new SimSettings.EdClosure(
              id,
              window(
                  "--ed-closed",
                  instant("--ed-closed-from", edClosedFrom, from, from),
                  instant("--ed-closed-until", edClosedUntil, end.plus(Duration.ofDays(2)), from)));
    }
    SimSettings.Window outage = null;
    if (avlOutage != null) {
      Instant outageFrom = instant("--avl-outage", avlOutage, from, from);
      outage = window("--avl-outage", outageFrom, outageFrom.plus(avlOutageDuration));
    }
    return new SimSettings.Scenarios(major, closure, outage);
  }

  private SimSettings.Window window(String option, Instant from, Instant until) {
    if (!until.isAfter(from)) {
      throw usage(option + " must end after it starts");
    }
    return new SimSettings.Window(from, until);
  }
}
