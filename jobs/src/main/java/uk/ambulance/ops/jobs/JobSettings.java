package uk.ambulance.ops.jobs;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import uk.ambulance.ops.events.geo.ServiceRegion;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.jobs.alerts.AlertSettings;
import uk.ambulance.ops.jobs.cli.JobCommandLine;
import uk.ambulance.ops.jobs.demand.DemandSettings;
import uk.ambulance.ops.jobs.fleet.FleetSettings;
import uk.ambulance.ops.jobs.hospitals.HospitalSettings;
import uk.ambulance.ops.jobs.response.ClockRules;
import uk.ambulance.ops.jobs.sink.influx.InfluxApiVersion;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.time.EventTimes;
import uk.ambulance.ops.jobs.time.WallClock;

/**
 * Every setting of the analytics job, typed, as the workflow reads them. The options, their
 * defaults (the domain brief's; each open question of the public record is one of these) and their
 * checks are declared in {@link JobCommandLine}, which builds this record.
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

  /**
   * Parses and checks a command line: every option is declared once, in {@link JobCommandLine}; a
   * mistake is a one-line picocli {@code ParameterException}.
   */
  public static JobSettings parse(String... args) {
    return JobCommandLine.parse(args);
  }
}
