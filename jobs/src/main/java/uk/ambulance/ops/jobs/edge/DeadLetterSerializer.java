package uk.ambulance.ops.jobs.edge;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.DeadLetter;

/** Writes dead letters to their topic as JSON, keyed as the refused record was. */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public DeadLetterSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    byte[] key = letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, key, EventJson.toBytes(letter));
  }
}
