package uk.ambulance.ops.jobs.edge;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import uk.ambulance.ops.events.json.ParseResult;
import uk.ambulance.ops.events.json.RecordParser;
import uk.ambulance.ops.events.model.DeadLetter;

/**
 * Parses and validates each Kafka record once, where it enters the job. A refused record becomes a
 * dead letter carrying its topic, partition, offset, key, bytes and reason; nothing throws, so a
 * bad record can never fail or restart the job.
 */
public class ValidatingDeserializer<T> implements KafkaRecordDeserializationSchema<Inbound<T>> {
  private static final long serialVersionUID = 1L;

  private final RecordParser<T> parser;
  private final Class<T> eventClass;

  public ValidatingDeserializer(RecordParser<T> parser, Class<T> eventClass) {
    this.parser = parser;
    this.eventClass = eventClass;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound<T>> out) {
    out.collect(
        inbound(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
  }

  /** Also used by tests and by non-Kafka sources. */
  public Inbound<T> inbound(String topic, int partition, long offset, byte[] key, byte[] value) {
    ParseResult<T> result = parser.parse(value);
    if (result instanceof ParseResult.Valid<T> valid) {
      return Inbound.accepted(valid.event());
    }
    String reason = ((ParseResult.Invalid<T>) result).reason();
    return Inbound.refused(
        DeadLetter.of(topic, partition, offset, key, value, reason, Instant.now()));
  }

  @Override
  public TypeInformation<Inbound<T>> getProducedType() {
    return Inbound.typeOf(eventClass);
  }
}
