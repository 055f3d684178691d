package uk.ambulance.ops.jobs;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.HospitalStatusParser;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.RecordParser;
import uk.ambulance.ops.events.json.VehiclePositionParser;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.events.model.DeadLetter;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.jobs.edge.Inbound;
import uk.ambulance.ops.jobs.edge.ValidatingDeserializer;

/**
 * Kafka sources and sinks of the job, built the same way for production and tests. Every client
 * gets {@link #clientProperties}: the connection, security and any tuning from {@code
 * --kafka-properties}.
 */
public final class KafkaEndpoints {
  private KafkaEndpoints() {}

  /**
   * The settings every Kafka client of the job starts from: the {@code --kafka-properties} file
   * (security.protocol, SASL, trust store...) and the brokers. Secrets in it stay placeholders
   * ({@code ${env:...}}, {@code ${file:...}}) that each Kafka client resolves where it runs, so
   * they never enter the job graph or a log.
   */
  public static Properties clientProperties(JobSettings settings) {
    Properties properties = settings.kafkaProperties().toProperties();
    properties.setProperty(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return properties;
  }

  /**
   * Live: resume from the group's committed offsets (or the start of the topic the first time).
   * Replay: from the earliest offset to the latest present at start-up, then finish.
   */
  @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it.
  public static <T> KafkaSource<Inbound<T>> source(
      JobSettings settings, String topic, RecordParser<T> parser, Class<T> eventClass) {
    KafkaSourceBuilder<Inbound<T>> builder =
        KafkaSource.<Inbound<T>>builder()
            .setProperties(clientProperties(settings))
            .setTopics(topic)
            .setGroupId(settings.consumerGroup())
            .setClientIdPrefix(settings.consumerGroup() + "-" + topic)
            .setDeserializer(new ValidatingDeserializer<>(parser, eventClass))
            .setProperty("partition.discovery.interval.ms", "60000");
    if (settings.replay()) {
      builder
          .setStartingOffsets(OffsetsInitializer.earliest())
          .setBounded(OffsetsInitializer.latest());
    } else {
      builder.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }
    return builder.build();
  }

  /** The three input streams, each parsed and validated where it enters. */
  public static OpsAnalyticsWorkflow.Inputs inputs(JobSettings settings) {
    var rules = settings.validationRules();
    return new OpsAnalyticsWorkflow.Inputs(
        source(settings, Topics.CAD_INCIDENTS, new IncidentEventParser(rules), IncidentEvent.class),
        source(
            settings,
            Topics.AVL_POSITIONS,
            new VehiclePositionParser(rules),
            VehiclePosition.class),
        source(
            settings,
            Topics.HOSPITAL_STATUS,
            new HospitalStatusParser(rules),
            HospitalStatus.class));
  }

  /** How long the job's producer waits out a broker that is down before the job fails over. */
  static final long BROKER_OUTAGE_MS = 10 * 60_000;

  public static KafkaSink<DeadLetter> deadLetterSink(JobSettings settings) {
    // Dead letters are for people to read: a rare duplicate after a restart is acceptable, a lost
    // one is not.
    return outputSink(settings, new JsonRecordSerializer<>(Topics.OPS_DEADLETTER, DeadLetter::key));
  }

  /** Alert transitions for other systems; consumers pair FIRING and RESOLVED by alertKey. */
  public static KafkaSink<Alert> alertSink(JobSettings settings) {
    // A transition repeated after a restart is harmless (same alertKey, state and time); a lost
    // RESOLVED would leave an alert open forever.
    return outputSink(settings, new JsonRecordSerializer<>(Topics.OPS_ALERTS, Alert::alertKey));
  }

  /**
   * The job's own Kafka outputs: at least once, with the client settings of every Kafka client,
   * riding out a broker outage as the sources do instead of failing the job. With the client's
   * defaults a record sent while the broker was down failed the job after 60 s (no metadata) or 120
   * s (delivery), restarting it from a checkpoint, twice in one outage. Until the broker is back
   * the sources read nothing anyway.
   */
  private static <T> KafkaSink<T> outputSink(
      JobSettings settings, KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(clientProperties(settings))
        .setBootstrapServers(settings.bootstrapServers())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(BROKER_OUTAGE_MS))
        .setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(BROKER_OUTAGE_MS))
        .build();
  }
}
