package uk.ambulance.ops.jobs;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.json.EventJson;

/**
 * Writes the job's own records (dead letters, alert transitions) to their topic as JSON, each keyed
 * as its kind says: a dead letter as the refused record was, an alert by its identity.
 */
public class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;

  /** A record's Kafka key; null for none. */
  public interface KeyOf<T> extends Serializable {
    String key(T record);
  }

  private final String topic;
  private final KeyOf<T> keyOf;

  public JsonRecordSerializer(String topic, KeyOf<T> keyOf) {
    this.topic = topic;
    this.keyOf = keyOf;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long ts) {
    String key = keyOf.key(record);
    return new ProducerRecord<>(
        topic,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        EventJson.toBytes(record));
  }
}
