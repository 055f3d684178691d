package uk.ambulance.ops.generators.output;

import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to Kafka, keyed as the contract says. Idempotent, acks from all replicas, a few ms of
 * linger to batch. The Kafka timestamp is the send time, not the event time (which is in the
 * record): replayed or back-dated records would otherwise fall to the topic's retention at once.
 * The first send failure is reported at the next send or at close.
 */
public final class KafkaSink implements RecordSink {
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sent;

  public KafkaSink(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "ambulance-generators");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void send(OutRecord record) throws IOException {
    checkFailure();
    producer.send(
        new ProducerRecord<>(record.topic(), null, null, record.key(), record.value()),
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
    sent++;
  }

  /** Waits until every record sent so far is on the broker. */
  @Override
  public void flush() throws IOException {
    producer.flush();
    checkFailure();
  }

  public long sent() {
    return sent;
  }

  private void checkFailure() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("Kafka send failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      producer.flush();
    } finally {
      producer.close();
    }
    checkFailure();
  }
}
