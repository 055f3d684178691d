package uk.ambulance.ops.generators.output;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;

/**
 * Publishes to Kafka, keyed as the contract says. Idempotent with acks from all replicas, so a
 * retried batch is written once and in order: a broker restart neither loses, duplicates nor
 * reorders records, and each keeps its {@code eventId}. A record waits for an unreachable broker up
 * to {@code deliveryTimeout} (both to be accepted and to be acknowledged) before the run fails,
 * long enough by default to ride out a broker restart. A few ms of linger batch records.
 *
 * <p>The Kafka timestamp is the send time, not the event time (which is in the record): replayed or
 * back-dated records would otherwise fall to the topic's retention at once. The first send failure
 * is reported at the next send or at close.
 */
public final class KafkaSink implements RecordSink {
  /** How long a record may wait for the broker by default: a restart, not a lost cluster. */
  public static final long DEFAULT_DELIVERY_TIMEOUT_S = 600;

  public static final Duration DEFAULT_DELIVERY_TIMEOUT =
      Duration.ofSeconds(DEFAULT_DELIVERY_TIMEOUT_S);

  /** What this sink decides, so the properties file cannot weaken it. */
  public static final List<String> FIXED_SETTINGS =
      List.of(
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          ProducerConfig.ACKS_CONFIG,
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
          ProducerConfig.MAX_BLOCK_MS_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

  private static final int LINGER_MS = 5;
  private static final int REQUEST_TIMEOUT_MS = 30_000;

  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sent;

  public KafkaSink(
      String bootstrapServers, KafkaClientProperties client, Duration deliveryTimeout) {
    client.refuse(FIXED_SETTINGS, "the generators set it (see --delivery-timeout-s)");
    Properties props = new Properties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "ambulance-generators");
    props.putAll(client.toProperties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, deliveryTimeout.toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    // Blocking in send(): waiting for metadata, or for buffer space while the broker is away.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    // Kafka requires delivery.timeout >= linger + request timeout; only short test timeouts
    // need a shorter request timeout.
    props.putIfAbsent(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Math.max(1, Math.min(REQUEST_TIMEOUT_MS, timeoutMs - LINGER_MS)));
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
