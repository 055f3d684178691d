package uk.ambulance.ops.jobs;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
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
import uk.ambulance.ops.jobs.alerts.AlertSerializer;
import uk.ambulance.ops.jobs.edge.DeadLetterSerializer;
import uk.ambulance.ops.jobs.edge.Inbound;
import uk.ambulance.ops.jobs.edge.ValidatingDeserializer;

/** Kafka sources and sinks of the job, built the same way for production and tests. */
public final class KafkaEndpoints {
  private KafkaEndpoints() {}

  /**
   * Live: resume from the group's committed offsets (or the start of the topic the first time).
   * Replay: from the earliest offset to the latest present at start-up, then finish.
   */
  @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it.
  public static <T> KafkaSource<Inbound<T>> source(
      JobSettings settings, String topic, RecordParser<T> parser, Class<T> eventClass) {
    KafkaSourceBuilder<Inbound<T>> builder =
        KafkaSource.<Inbound<T>>builder()
            .setBootstrapServers(settings.bootstrapServers())
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

  /** Alert transitions for other systems; consumers pair FIRING and RESOLVED by alertKey. */
  public static KafkaSink<Alert> alertSink(JobSettings settings) {
    return KafkaSink.<Alert>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setRecordSerializer(new AlertSerializer(Topics.OPS_ALERTS))
        // As for dead letters: a transition repeated after a restart is harmless (same alertKey,
        // state and time), a lost RESOLVED would leave an alert open forever.
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  public static KafkaSink<DeadLetter> deadLetterSink(JobSettings settings) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setRecordSerializer(new DeadLetterSerializer(Topics.OPS_DEADLETTER))
        // Dead letters are for people to read: a rare duplicate after a restart is acceptable,
        // a lost one is not.
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
