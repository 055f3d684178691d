package uk.ambulance.ops.jobs.cli;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.geo.ServiceRegion;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.alerts.AlertSettings;
import uk.ambulance.ops.jobs.demand.DemandSettings;
import uk.ambulance.ops.jobs.fleet.FleetSettings;
import uk.ambulance.ops.jobs.hospitals.HospitalSettings;
import uk.ambulance.ops.jobs.sink.influx.InfluxApiVersion;
import uk.ambulance.ops.jobs.stats.CentileDefinition;

/**
 * The job's command line: every option declared here once, with its type, default, help and range;
 * the checks that involve several options are in {@link #settings}. The {@code --help} text, and
 * with it jobs/README.md, is printed from these declarations. A mistake is a picocli {@link
 * ParameterException}: one line, exit code 2.
 */
@Command(
    name = "ops-analytics",
    customSynopsis = "ops-analytics --bootstrap-servers HOST:PORT --influx-url URL [OPTIONS]",
    separator = " ",
    description =
        "Live analytics from cad.incidents, avl.positions and hospital.status into InfluxDB.",
    descriptionHeading = "%n",
    optionListHeading = "%n",
    sortOptions = false,
    usageHelpWidth = 100)
public final class JobCommandLine {
  /** Live: the watermark trails by seconds. Replay: the data alone sets time, coarsely. */
  private static final long LIVE_OUT_OF_ORDERNESS_S = 2;

  private static final long REPLAY_OUT_OF_ORDERNESS_S = 30;
  private static final long LIVE_WAITING_TICK_S = 1;

  /** Wide enough that most options and their value share a line with their help. */
  private static final int LONGEST_OPTION = 32;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      required = true,
      converter = OptionTypes.BootstrapServers.class,
      description = "Kafka (required)")
  String bootstrapServers;

  @Option(
      names = "--kafka-properties",
      paramLabel = "FILE",
      converter = OptionTypes.KafkaProperties.class,
      description =
          "Kafka client settings (security.protocol, sasl.*, ssl.*) for every source and sink;"
              + " secrets through $${env:NAME} or $${file:PATH:KEY} (see README)")
  KafkaClientProperties kafkaProperties = KafkaClientProperties.NONE;

  @Option(
      names = "--influx-url",
      paramLabel = "URL",
      required = true,
      converter = OptionTypes.HttpUrl.class,
      description = "InfluxDB base URL (required), e.g. http://127.0.0.1:8086")
  String influxUrl;

  @Option(
      names = "--influx-api",
      paramLabel = "v1|v2",
      defaultValue = "v1",
      converter = OptionTypes.InfluxApi.class,
      description =
          "InfluxDB write API [${DEFAULT-VALUE}]: v1 = /write (1.x, or the v1 compatibility API"
              + " of 2.x/3.x), v2 = /api/v2/write")
  InfluxApiVersion influxApi;

  @Option(
      names = "--influx-database",
      paramLabel = "NAME",
      description =
          "v1: database, v2: bucket ["
              + Metrics.DEFAULT_DATABASE
              + "]; v1 credentials come from INFLUX_USERNAME and INFLUX_PASSWORD(_FILE), or a"
              + " token from INFLUX_TOKEN(_FILE)")
  String influxDatabase;

  @Option(
      names = "--influx-bucket",
      paramLabel = "NAME",
      description = "same as --influx-database, reads better with v2")
  String influxBucket;

  @Option(
      names = "--influx-org",
      paramLabel = "NAME",
      description =
          "v2 organisation (required with v2); the token comes from INFLUX_TOKEN or"
              + " INFLUX_TOKEN_FILE")
  String influxOrg;

  @Option(
      names = "--consumer-group",
      paramLabel = "ID",
      defaultValue = "ops-analytics",
      description = "Kafka consumer group [${DEFAULT-VALUE}]")
  String consumerGroup;

  @Option(
      names = "--replay",
      description =
          "read every topic from the earliest offset to the latest, then finish (backfills,"
              + " tests)")
  boolean replay;

  @Option(
      names = "--checkpoint-interval-s",
      paramLabel = "N",
      defaultValue = "10",
      converter = OptionTypes.Seconds.class,
      description = "[${DEFAULT-VALUE}]")
  Duration checkpointInterval;

  @Option(
      names = "--out-of-orderness-s",
      paramLabel = "N",
      converter = OptionTypes.Seconds.class,
      description =
          "how far behind the newest event the watermark trails [live "
              + LIVE_OUT_OF_ORDERNESS_S
              + ", replay "
              + REPLAY_OUT_OF_ORDERNESS_S
              + "]: live figures are published this soon, and events later than that correct"
              + " them")
  Duration outOfOrderness;

  @Option(
      names = "--idleness-s",
      paramLabel = "N",
      defaultValue = "30",
      converter = OptionTypes.Seconds.class,
      description =
          "live: a partition that has not spoken since start stops holding time back after this"
              + " long [${DEFAULT-VALUE}]; once it has spoken, a quiet partition's time runs on"
              + " with the wall clock (never past it). Replay: the data alone sets time")
  Duration idleness;

  @Option(
      names = "--tick-s",
      paramLabel = "N",
      defaultValue = "10",
      converter = OptionTypes.Seconds.class,
      description =
          "how often live values are refreshed, event time [${DEFAULT-VALUE}]; divides an hour")
  Duration tick;

  @Option(
      names = "--waiting-tick-s",
      paramLabel = "N",
      converter = OptionTypes.Seconds.class,
      description =
          "how often calls waiting and the longest wait are refreshed, event time [live "
              + LIVE_WAITING_TICK_S
              + ", replay: --tick-s]")
  Duration waitingTick;

  @Option(
      names = "--allowed-lateness-s",
      paramLabel = "N",
      defaultValue = "21600",
      converter = OptionTypes.Seconds.class,
      description =
          "late events still correct their windows this long [${DEFAULT-VALUE}]; a whole number"
              + " of --tick-s and of --waiting-tick-s")
  Duration allowedLateness;

  @Option(
      names = "--max-open-incident-age-s",
      paramLabel = "N",
      defaultValue = "86400",
      converter = OptionTypes.Seconds.class,
      description =
          "an incident silent this long without closing is dropped and counted as expired"
              + " [${DEFAULT-VALUE}]")
  Duration maxOpenIncidentAge;

  @Option(
      names = "--dedup-memory-s",
      paramLabel = "N",
      defaultValue = "86400",
      converter = OptionTypes.Seconds.class,
      description = "how long an eventId is remembered, event time [${DEFAULT-VALUE}]")
  Duration dedupMemory;

  @Option(
      names = "--centile",
      paramLabel = "linear|nearest-rank",
      defaultValue = "linear",
      converter = OptionTypes.Centile.class,
      description = "90th centile definition [${DEFAULT-VALUE}]")
  CentileDefinition centile;

  @Option(
      names = "--region",
      paramLabel = "MINLAT,MAXLAT,MINLON,MAXLON",
      converter = OptionTypes.Region.class,
      description = "where locations are believed [Greater London + margin]")
  ServiceRegion region = ServiceRegion.GREATER_LONDON;

  @Option(
      names = "--clock-start-cap-s",
      paramLabel = "N|C1=N,C2=N,...",
      converter = OptionTypes.StartCaps.class,
      description = "clock starts at the latest N s after connection [240]")
  Map<Category, Duration> clockStartCaps = new EnumMap<>(Category.class);

  @Option(names = "--help", usageHelp = true, description = "this text")
  boolean help;

  @ArgGroup(validate = false, heading = "%nDemand and hotspots:%n", order = 1)
  DemandOptions demand = new DemandOptions();

  @ArgGroup(validate = false, heading = "%nFleet:%n", order = 2)
  FleetOptions fleet = new FleetOptions();

  @ArgGroup(validate = false, heading = "%nHospitals:%n", order = 3)
  HospitalOptions hospitals = new HospitalOptions();

  @ArgGroup(validate = false, heading = "%nAlerts:%n", order = 4)
  AlertOptions alerts = new AlertOptions();

  static final class DemandOptions {
    @Option(
        names = "--demand-prior-per-hour",
        paramLabel = "X",
        defaultValue = "250",
        converter = OptionTypes.Positive.class,
        description =
            "London's calls per hour assumed before any is learned; each area starts at a fifth"
                + " [${DEFAULT-VALUE}]")
    double priorPerHour;

    @Option(
        names = "--baseline-half-life-weeks",
        paramLabel = "X",
        defaultValue = "4",
        converter = OptionTypes.Positive.class,
        description =
            "an hour-of-week baseline halves an old week's weight in this many weeks"
                + " [${DEFAULT-VALUE}]")
    double baselineHalfLifeWeeks;

    @Option(
        names = "--cell-share-half-life-s",
        paramLabel = "N",
        defaultValue = "604800",
        converter = OptionTypes.Seconds.class,
        description = "a cell's learned share of calls forgets this fast [${DEFAULT-VALUE}]")
    Duration cellShareHalfLife;

    @Option(
        names = "--cell-prior-calls",
        paramLabel = "X",
        defaultValue = "2100",
        converter = OptionTypes.Positive.class,
        description = "weight of the even prior over all cells, in calls [${DEFAULT-VALUE}]")
    double cellPriorCalls;

    @Option(
        names = "--cells",
        paramLabel = "N",
        defaultValue = "2100",
        converter = OptionTypes.Count.class,
        description = "resolution-8 cells in the service area [${DEFAULT-VALUE}]")
    int cells;

    @Option(
        names = "--hotspot-window-s",
        paramLabel = "N",
        defaultValue = "3600",
        converter = OptionTypes.Seconds.class,
        description = "recent window of a cell's count [${DEFAULT-VALUE}]")
    Duration hotspotWindow;

    @Option(
        names = "--hotspot-score",
        paramLabel = "X",
        defaultValue = "7",
        converter = OptionTypes.Positive.class,
        description = "-log10 Poisson tail probability that makes a cell hot [${DEFAULT-VALUE}]")
    double hotspotScore;

    @Option(
        names = "--hotspot-min-calls",
        paramLabel = "N",
        defaultValue = "8",
        converter = OptionTypes.Count.class,
        description =
            "and the fewest calls in the window; several callers about one incident are common,"
                + " so not below 8 [${DEFAULT-VALUE}]")
    int hotspotMinCalls;

    @Option(
        names = "--major-incident-window-s",
        paramLabel = "N",
        defaultValue = "300",
        converter = OptionTypes.Seconds.class,
        description = "a major incident's calls are counted over [${DEFAULT-VALUE}]")
    Duration majorIncidentWindow;

    @Option(
        names = "--major-incident-score",
        paramLabel = "X",
        defaultValue = "9",
        converter = OptionTypes.Positive.class,
        description = "score a cell and its neighbours must reach [${DEFAULT-VALUE}]")
    double majorIncidentScore;

    @Option(
        names = "--major-incident-min-calls",
        paramLabel = "N",
        defaultValue = "7",
        converter = OptionTypes.Count.class,
        description = "and the fewest calls among them [${DEFAULT-VALUE}]")
    int majorIncidentMinCalls;

    DemandSettings settings() {
      return new DemandSettings(
          priorPerHour,
          baselineHalfLifeWeeks,
          cellShareHalfLife,
          cellPriorCalls,
          cells,
          hotspotWindow,
          hotspotScore,
          hotspotMinCalls,
          majorIncidentWindow,
          majorIncidentScore,
          majorIncidentMinCalls);
    }
  }

  static final class FleetOptions {
    @Option(
        names = "--avl-dedup-memory-s",
        paramLabel = "N",
        defaultValue = "600",
        converter = OptionTypes.Seconds.class,
        description = "how long a position's eventId is remembered, event time [${DEFAULT-VALUE}]")
    Duration dedupMemory;

    @Option(
        names = "--avl-silence-s",
        paramLabel = "N",
        defaultValue = "120",
        converter = OptionTypes.Seconds.class,
        description = "an on-duty vehicle unheard this long is silent [${DEFAULT-VALUE}]")
    Duration silence;

    @Option(
        names = "--avl-forget-s",
        paramLabel = "N",
        defaultValue = "21600",
        converter = OptionTypes.Seconds.class,
        description =
            "a vehicle unheard this long is no longer counted [${DEFAULT-VALUE}]; longer than"
                + " --avl-silence-s")
    Duration forget;

    @Option(
        names = "--avl-outage-share",
        paramLabel = "X",
        defaultValue = "0.5",
        converter = OptionTypes.Positive.class,
        description = "silent share of on-duty vehicles that is an outage [${DEFAULT-VALUE}]")
    double outageShare;

    FleetSettings settings() {
      return new FleetSettings(dedupMemory, silence, forget, outageShare);
    }
  }

  static final class HospitalOptions {
    @Option(
        names = "--handover-standard-s",
        paramLabel = "N",
        defaultValue = "900",
        converter = OptionTypes.Seconds.class,
        description = "crew time at the ED beyond this is lost [${DEFAULT-VALUE}]")
    Duration handoverStandard;

    @Option(
        names = "--release-after-s",
        paramLabel = "N",
        defaultValue = "2700",
        converter = OptionTypes.Seconds.class,
        description = "a crew waiting this long is released to respond [${DEFAULT-VALUE}]")
    Duration releaseAfter;

    @Option(
        names = "--hospital-status-stale-s",
        paramLabel = "N",
        defaultValue = "3600",
        converter = OptionTypes.Seconds.class,
        description = "a hospital without status this long is dropped [${DEFAULT-VALUE}]")
    Duration statusStale;

    HospitalSettings settings() {
      return new HospitalSettings(handoverStandard, releaseAfter, statusStale);
    }
  }

  static final class AlertOptions {
    @Option(
        names = "--alert-rules",
        paramLabel = "FILE",
        description = "the alert rules (JSON) [the shipped alert-rules.json]")
    String rulesFile;

    @Option(
        names = "--alertmanager-url",
        paramLabel = "URL",
        description =
            "Alertmanager to deliver to, e.g. http://127.0.0.1:9093 [none: alerts go only to"
                + " ops.alerts and InfluxDB]")
    String alertmanagerUrl;

    @Option(
        names = "--dashboard-url",
        paramLabel = "URL",
        defaultValue = "http://127.0.0.1:3000/d/ops-wallboard",
        description = "the board a page links to%n[${DEFAULT-VALUE}]")
    String dashboardUrl;

    @Option(
        names = "--alert-resend-s",
        paramLabel = "N",
        defaultValue = "60",
        converter = OptionTypes.Seconds.class,
        description = "firing alerts and the heartbeat are re-sent this often [${DEFAULT-VALUE}]")
    Duration resend;

    @Option(
        names = "--alert-backlog-hold-s",
        paramLabel = "N",
        defaultValue = "180",
        converter = OptionTypes.SecondsOrZero.class,
        description =
            "alerts re-lived from a backlog wait at most this long for the job to catch up"
                + " before they page; 0: they page at once [${DEFAULT-VALUE}]")
    Duration backlogHold;
  }

  private JobCommandLine() {}

  /** Parses and checks a command line; every mistake is a one-line {@link ParameterException}. */
  public static JobSettings parse(String... args) {
    JobCommandLine options = new JobCommandLine();
    CommandLine commandLine = commandLine(options);
    commandLine.parseArgs(args);
    return options.settings(commandLine);
  }

  /** The {@code --help} text, from the declarations above; jobs/README.md holds it verbatim. */
  public static String help() {
    return commandLine(new JobCommandLine()).getUsageMessage(Help.Ansi.OFF);
  }

  /** Every option name, for the tests that hold the help and the docs to them. */
  public static Set<String> optionNames() {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : commandLine(new JobCommandLine()).getCommandSpec().options()) {
      names.add(option.longestName());
    }
    return names;
  }

  private static CommandLine commandLine(JobCommandLine options) {
    return new CommandLine(options)
        // As before picocli: an option given twice takes the later value, and an argument
        // starting with @ is a value, not a file of arguments.
        .setOverwrittenOptionsAllowed(true)
        .setExpandAtFiles(false)
        .setUsageHelpLongOptionsMaxWidth(LONGEST_OPTION);
  }

  /** The checks that involve several options, then the typed settings the workflow reads. */
  private JobSettings settings(CommandLine commandLine) {
    // Live: publish within seconds and let later events correct (windows keep six hours of
    // lateness); a duty manager watches calls waiting, so it follows the clock second by second.
    // Replay: the data sets the time, and fewer, coarser points make a backfill fast.
    Duration outOfOrderness =
        this.outOfOrderness != null
            ? this.outOfOrderness
            : Duration.ofSeconds(replay ? REPLAY_OUT_OF_ORDERNESS_S : LIVE_OUT_OF_ORDERNESS_S);
    Duration waitingTick =
        this.waitingTick != null
            ? this.waitingTick
            : replay ? tick : Duration.ofSeconds(LIVE_WAITING_TICK_S);
    // Today's and the month's windows are dropped at a tick, and a wait's stretch a lateness
    // after its end: a lateness between two ticks would leave state behind until the safety net.
    requireWholeTicks(commandLine, allowedLateness, tick, "--tick-s");
    requireWholeTicks(commandLine, allowedLateness, waitingTick, "--waiting-tick-s");
    // Hourly, daily and monthly windows end on a tick.
    if (Duration.ofHours(1).toMillis() % tick.toMillis() != 0) {
      throw usage(commandLine, "--tick-s must divide an hour (3600 s), got " + tick.toSeconds());
    }
    if (fleet.forget.compareTo(fleet.silence) <= 0) {
      throw usage(commandLine, "--avl-forget-s must be longer than --avl-silence-s");
    }
    if (influxDatabase != null && influxBucket != null && !influxDatabase.equals(influxBucket)) {
      throw usage(commandLine, "--influx-database and --influx-bucket name the same thing");
    }
    if (influxApi == InfluxApiVersion.V2 && (influxOrg == null || influxOrg.isBlank())) {
      throw usage(commandLine, "--influx-api v2 needs --influx-org (see --help)");
    }
    if (influxApi == InfluxApiVersion.V1 && influxOrg != null) {
      throw usage(commandLine, "--influx-org is for --influx-api v2 only");
    }
    AlertSettings alertSettings;
    try {
      alertSettings =
          AlertSettings.of(
              alerts.rulesFile,
              alerts.alertmanagerUrl,
              alerts.dashboardUrl,
              alerts.resend,
              alerts.backlogHold);
    } catch (IllegalArgumentException e) {
      throw usage(commandLine, e.getMessage());
    }
    return new JobSettings(
        bootstrapServers,
        consumerGroup,
        kafkaProperties,
        replay,
        influxUrl,
        influxDatabase != null
            ? influxDatabase
            : influxBucket != null ? influxBucket : Metrics.DEFAULT_DATABASE,
        influxApi,
        influxOrg,
        checkpointInterval,
        outOfOrderness,
        idleness,
        tick,
        waitingTick,
        allowedLateness,
        maxOpenIncidentAge,
        dedupMemory,
        centile,
        region,
        clockStartCaps,
        demand.settings(),
        fleet.settings(),
        hospitals.settings(),
        alertSettings);
  }

  private static void requireWholeTicks(
      CommandLine commandLine, Duration lateness, Duration tick, String tickOption) {
    if (lateness.toMillis() % tick.toMillis() != 0) {
      throw usage(
          commandLine,
          "--allowed-lateness-s must be a whole number of "
              + tickOption
              + " ("
              + tick.toSeconds()
              + " s), got "
              + lateness.toSeconds());
    }
  }

  private static ParameterException usage(CommandLine commandLine, String message) {
    return new ParameterException(commandLine, message);
  }
}
