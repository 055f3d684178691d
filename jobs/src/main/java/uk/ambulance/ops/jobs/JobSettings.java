package uk.ambulance.ops.jobs;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.geo.ServiceRegion;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.jobs.alerts.AlertSettings;
import uk.ambulance.ops.jobs.demand.DemandSettings;
import uk.ambulance.ops.jobs.fleet.FleetSettings;
import uk.ambulance.ops.jobs.hospitals.HospitalSettings;
import uk.ambulance.ops.jobs.response.ClockRules;
import uk.ambulance.ops.jobs.sink.influx.InfluxApiVersion;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.time.EventTimes;
import uk.ambulance.ops.jobs.time.WallClock;

/**
 * Every setting of the analytics job, with its default, parsed from {@code --name value} pairs. The
 * defaults are the domain brief's; each open question of the public record is one of these.
 */
public record JobSettings(
    String bootstrapServers,
    String consumerGroup,
    KafkaClientProperties kafkaProperties,
    boolean replay,
    String influxUrl,
    String influxDatabase,
    InfluxApiVersion influxApi,
    String influxOrg,
    Duration checkpointInterval,
    Duration outOfOrderness,
    Duration idleness,
    Duration tick,
    Duration waitingTick,
    Duration allowedLateness,
    Duration maxOpenIncidentAge,
    Duration dedupMemory,
    CentileDefinition centile,
    ServiceRegion region,
    Map<Category, Duration> clockStartCaps,
    DemandSettings demand,
    FleetSettings fleet,
    HospitalSettings hospitals,
    AlertSettings alerts)
    implements Serializable {

  static final String HELP =
      """
      ops-analytics: live analytics from cad.incidents, avl.positions and hospital.status
      into InfluxDB.

        --bootstrap-servers HOST:PORT   Kafka (required)
        --kafka-properties FILE         Kafka client settings for every source and sink:
                                        security.protocol, sasl.*, ssl.*; secrets through
                                        ${env:NAME} or ${file:PATH:KEY} (see README)
        --influx-url URL                InfluxDB base URL (required), e.g. http://127.0.0.1:8086
        --influx-api v1|v2              InfluxDB write API [v1]: v1 = /write (1.x, or the v1
                                        compatibility API of 2.x/3.x), v2 = /api/v2/write
        --influx-database NAME          v1: database, v2: bucket [ops]; v1 credentials come
                                        from INFLUX_USERNAME and INFLUX_PASSWORD(_FILE), or a
                                        token from INFLUX_TOKEN(_FILE)
        --influx-bucket NAME            same as --influx-database, reads better with v2
        --influx-org NAME               v2 organisation (required with v2); the token
                                        comes from INFLUX_TOKEN or INFLUX_TOKEN_FILE
        --consumer-group ID             Kafka consumer group [ops-analytics]
        --replay                        read every topic from the earliest offset to the latest,
                                        then finish (backfills, tests)
        --checkpoint-interval-s N       [10]
        --out-of-orderness-s N          how far behind the newest event the watermark trails
                                        [live 2, replay 30]: live figures are published this
                                        soon, and events later than that correct them
        --idleness-s N                  live: a partition that has not spoken since start stops
                                        holding time back after this long [30]; once it has
                                        spoken, a quiet partition's time runs on with the wall
                                        clock (never past it). Replay: the data alone sets time
        --tick-s N                      how often live values are refreshed, event time [10]
        --waiting-tick-s N              how often calls waiting and the longest wait are
                                        refreshed, event time [live 1, replay: --tick-s]
        --allowed-lateness-s N          late events still correct their windows this long [21600]
        --max-open-incident-age-s N     an incident silent this long without closing is
                                        dropped and counted as expired [86400]
        --dedup-memory-s N              how long an eventId is remembered, event time [86400]
        --centile linear|nearest-rank   90th centile definition [linear]
        --region MINLAT,MAXLAT,MINLON,MAXLON
                                        where locations are believed [Greater London + margin]
        --clock-start-cap-s N | C1=N,C2=N,...
                                        clock starts at the latest N s after connection [240]
        --help                          this text

      Demand and hotspots:
        --demand-prior-per-hour X       London's calls per hour assumed before any is learned;
                                        each area starts at a fifth [250]
        --baseline-half-life-weeks X    an hour-of-week baseline halves an old week's weight
                                        in this many weeks [4]
        --cell-share-half-life-s N      a cell's learned share of calls forgets this fast [604800]
        --cell-prior-calls X            weight of the even prior over all cells, in calls [2100]
        --cells N                       resolution-8 cells in the service area [2100]
        --hotspot-window-s N            recent window of a cell's count [3600]
        --hotspot-score X               -log10 Poisson tail probability that makes a cell hot [7]
        --hotspot-min-calls N           and the fewest calls in the window; several callers
                                        about one incident are common, so not below 8 [8]
        --major-incident-window-s N     a major incident's calls are counted over [300]
        --major-incident-score X        score a cell and its neighbours must reach [9]
        --major-incident-min-calls N    and the fewest calls among them [7]

      Fleet:
        --avl-dedup-memory-s N          how long a position's eventId is remembered [600]
                                        (event time)
        --avl-silence-s N               an on-duty vehicle unheard this long is silent [120]
        --avl-forget-s N                a vehicle unheard this long is no longer counted [21600]
        --avl-outage-share X            silent share of on-duty vehicles that is an outage [0.5]

      Hospitals:
        --handover-standard-s N         crew time at the ED beyond this is lost [900]
        --release-after-s N             a crew waiting this long is released to respond [2700]
        --hospital-status-stale-s N     a hospital without status this long is dropped [3600]

      Alerts:
        --alert-rules FILE              the alert rules (JSON) [the shipped alert-rules.json]
        --alertmanager-url URL          Alertmanager to deliver to, e.g. http://127.0.0.1:9093
                                        [none: alerts go only to ops.alerts and InfluxDB]
        --dashboard-url URL             the board a page links to
                                        [http://127.0.0.1:3000/d/ops-wallboard]
        --alert-resend-s N              firing alerts and the heartbeat are re-sent this often [60]
      """;

  public ValidationRules validationRules() {
    return ValidationRules.defaults().withRegion(region);
  }

  /** The event-time rules of the inputs: live follows the wall clock when a feed is quiet. */
  public EventTimes eventTimes() {
    return new EventTimes(!replay, outOfOrderness, idleness, WallClock.SYSTEM);
  }

  public ClockRules clockRules() {
    return ClockRules.withStartCaps(clockStartCaps);
  }

  /** Settings for tests: everything at its default, no Kafka or InfluxDB address needed. */
  public static JobSettings defaults() {
    return parse("--bootstrap-servers", "unused:9092", "--influx-url", "http://unused:8086");
  }

  public static JobSettings parse(String... args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--")) {
        throw new UsageException("unexpected argument '" + name + "' (see --help)");
      }
      if (name.equals("--replay") || name.equals("--help")) {
        options.put(name, "true");
      } else if (i + 1 >= args.length) {
        throw new UsageException(name + " needs a value");
      } else {
        options.put(name, args[++i]);
      }
    }
    Options o = new Options(options);
    JobSettings settings = read(o);
    o.rejectUnknown();
    // Today's and the month's windows are dropped at a tick, and a wait's stretch a lateness
    // after its end: a lateness between two ticks would leave state behind until the safety net.
    requireWholeTicks(settings.allowedLateness(), settings.tick(), "--tick-s");
    requireWholeTicks(settings.allowedLateness(), settings.waitingTick(), "--waiting-tick-s");
    if (settings.influxApi() == InfluxApiVersion.V2
        && (settings.influxOrg() == null || settings.influxOrg().isBlank())) {
      throw new UsageException("--influx-api v2 needs --influx-org (see --help)");
    }
    if (settings.influxApi() == InfluxApiVersion.V1 && settings.influxOrg() != null) {
      throw new UsageException("--influx-org is for --influx-api v2 only");
    }
    return settings;
  }

  private static void requireWholeTicks(Duration lateness, Duration tick, String tickOption) {
    if (lateness.toMillis() % tick.toMillis() != 0) {
      throw new UsageException(
          "--allowed-lateness-s must be a whole number of "
              + tickOption
              + " ("
              + tick.toSeconds()
              + " s), got "
              + lateness.toSeconds());
    }
  }

  /** Every option the parser reads, so that the help and the README can be held to it. */
  static java.util.Set<String> optionNames() {
    Options o =
        new Options(
            Map.of("--bootstrap-servers", "unused:9092", "--influx-url", "http://unused:8086"));
    read(o);
    java.util.Set<String> names = new java.util.TreeSet<>(o.used);
    names.add("--help");
    return names;
  }

  private static JobSettings read(Options o) {
    boolean replay = o.flag("--replay");
    // Live: publish within seconds and let later events correct (windows keep six hours of
    // lateness); a duty manager watches calls waiting, so it follows the clock second by second.
    // Replay: the data sets the time, and fewer, coarser points make a backfill fast.
    Duration tick = o.seconds("--tick-s", 10);
    return new JobSettings(
        o.bootstrapServers(),
        o.text("--consumer-group", "ops-analytics"),
        o.kafkaProperties(),
        replay,
        o.httpUrl("--influx-url"),
        o.influxTarget(),
        o.influxApi(),
        o.text("--influx-org", null),
        o.seconds("--checkpoint-interval-s", 10),
        o.seconds("--out-of-orderness-s", replay ? 30 : 2),
        o.seconds("--idleness-s", 30),
        tick,
        o.seconds("--waiting-tick-s", replay ? tick.toSeconds() : 1),
        o.seconds("--allowed-lateness-s", 21_600),
        o.seconds("--max-open-incident-age-s", 86_400),
        o.seconds("--dedup-memory-s", 86_400),
        o.centile(),
        o.region(),
        o.startCaps(),
        new DemandSettings(
            o.number("--demand-prior-per-hour", 250),
            o.number("--baseline-half-life-weeks", 4),
            o.seconds("--cell-share-half-life-s", 604_800),
            o.number("--cell-prior-calls", 2100),
            (int) o.number("--cells", 2100),
            o.seconds("--hotspot-window-s", 3600),
            o.number("--hotspot-score", 7),
            (int) o.number("--hotspot-min-calls", 8),
            o.seconds("--major-incident-window-s", 300),
            o.number("--major-incident-score", 9),
            (int) o.number("--major-incident-min-calls", 7)),
        new FleetSettings(
            o.seconds("--avl-dedup-memory-s", 600),
            o.seconds("--avl-silence-s", 120),
            o.seconds("--avl-forget-s", 21_600),
            o.number("--avl-outage-share", 0.5)),
        new HospitalSettings(
            o.seconds("--handover-standard-s", 900),
            o.seconds("--release-after-s", 2700),
            o.seconds("--hospital-status-stale-s", 3600)),
        o.alerts());
  }

  /** Reads options by name, remembering which were used so unknown ones can be refused. */
  private static final class Options {
    private final Map<String, String> values;
    private final java.util.Set<String> used = new java.util.HashSet<>();

    Options(Map<String, String> values) {
      this.values = values;
      if (values.containsKey("--help")) {
        throw new UsageException(HELP);
      }
    }

    String text(String name, String fallback) {
      used.add(name);
      return values.getOrDefault(name, fallback);
    }

    String required(String name) {
      String value = text(name, null);
      if (value == null || value.isBlank()) {
        throw new UsageException("missing " + name + " (see --help)");
      }
      return value;
    }

    /** HOST:PORT[,HOST:PORT...]: checked here, or Kafka's client fails later with a trace. */
    String bootstrapServers() {
      String value = required("--bootstrap-servers");
      for (String server : value.split(",", -1)) {
        int colon = server.lastIndexOf(':');
        boolean ok = colon > 0 && server.substring(colon + 1).matches("[0-9]{1,5}");
        if (!ok || Integer.parseInt(server.substring(colon + 1)) > 65535) {
          throw new UsageException(
              "--bootstrap-servers must be HOST:PORT[,HOST:PORT...], got '" + value + "'");
        }
      }
      return value;
    }

    /** An http(s) URL with a host: checked here, or the sink fails on the cluster with a trace. */
    String httpUrl(String name) {
      String value = required(name);
      try {
        java.net.URI uri = new java.net.URI(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return value;
        }
      } catch (java.net.URISyntaxException e) {
        // reported below
      }
      throw new UsageException(
          name + " must be an http:// or https:// URL with a host, got '" + value + "'");
    }

    boolean flag(String name) {
      return Boolean.parseBoolean(text(name, "false"));
    }

    Duration seconds(String name, long fallback) {
      String value = text(name, null);
      if (value == null) {
        return Duration.ofSeconds(fallback);
      }
      try {
        long seconds = Long.parseLong(value);
        if (seconds <= 0) {
          throw new UsageException(name + " must be a positive number of seconds, got " + value);
        }
        return Duration.ofSeconds(seconds);
      } catch (NumberFormatException e) {
        throw new UsageException(name + " must be a whole number of seconds, got '" + value + "'");
      }
    }

    KafkaClientProperties kafkaProperties() {
      String file = text("--kafka-properties", null);
      if (file == null) {
        return KafkaClientProperties.NONE;
      }
      try {
        return KafkaClientProperties.load(Path.of(file));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--kafka-properties: " + e.getMessage());
      }
    }

    InfluxApiVersion influxApi() {
      try {
        return InfluxApiVersion.parse(text("--influx-api", "v1"));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--influx-api: " + e.getMessage());
      }
    }

    String influxTarget() {
      String database = text("--influx-database", null);
      String bucket = text("--influx-bucket", null);
      if (database != null && bucket != null && !database.equals(bucket)) {
        throw new UsageException("--influx-database and --influx-bucket name the same thing");
      }
      return database != null ? database : bucket != null ? bucket : Metrics.DEFAULT_DATABASE;
    }

    double number(String name, double fallback) {
      String value = text(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        double number = Double.parseDouble(value);
        if (!(number > 0) || Double.isInfinite(number)) {
          throw new UsageException(name + " must be a positive number, got " + value);
        }
        return number;
      } catch (NumberFormatException e) {
        throw new UsageException(name + " must be a number, got '" + value + "'");
      }
    }

    CentileDefinition centile() {
      try {
        return CentileDefinition.fromLabel(text("--centile", "linear"));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--centile: " + e.getMessage());
      }
    }

    ServiceRegion region() {
      String value = text("--region", null);
      if (value == null) {
        return ServiceRegion.GREATER_LONDON;
      }
      try {
        return ServiceRegion.parse("the configured region", value);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--region: " + e.getMessage());
      }
    }

    Map<Category, Duration> startCaps() {
      String value = text("--clock-start-cap-s", null);
      Map<Category, Duration> caps = new EnumMap<>(Category.class);
      if (value == null) {
        return caps;
      }
      try {
        if (!value.contains("=")) {
          Duration all = Duration.ofSeconds(Long.parseLong(value.trim()));
          for (Category c : Category.values()) {
            caps.put(c, all);
          }
          return caps;
        }
        for (String part : value.split(",")) {
          String[] kv = part.split("=", 2);
          caps.put(
              Category.valueOf(kv[0].trim()), Duration.ofSeconds(Long.parseLong(kv[1].trim())));
        }
        return caps;
      } catch (RuntimeException e) {
        throw new UsageException(
            "--clock-start-cap-s must be N or C1=N,C2=N,..., got '" + value + "'");
      }
    }

    AlertSettings alerts() {
      try {
        return AlertSettings.of(
            text("--alert-rules", null),
            text("--alertmanager-url", null),
            text("--dashboard-url", "http://127.0.0.1:3000/d/ops-wallboard"),
            seconds("--alert-resend-s", 60));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    void rejectUnknown() {
      for (String name : values.keySet()) {
        if (!used.contains(name)) {
          throw new UsageException("unknown option " + name + " (see --help)");
        }
      }
    }
  }
}
