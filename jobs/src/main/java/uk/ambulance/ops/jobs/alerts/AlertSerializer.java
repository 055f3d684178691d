package uk.ambulance.ops.jobs.alerts;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.Alert;

/** Writes alert transitions to {@code ops.alerts} as JSON, keyed by the alert's identity. */
public class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public AlertSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Alert alert, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, alert.alertKey().getBytes(StandardCharsets.UTF_8), EventJson.toBytes(alert));
  }
}
