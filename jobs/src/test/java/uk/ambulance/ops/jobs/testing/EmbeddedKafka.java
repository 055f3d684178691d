package uk.ambulance.ops.jobs.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real KRaft Kafka broker inside the test JVM (Kafka's own test kit), on a random port. */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private KafkaClusterTestKit cluster;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  /** Starts the broker; for use outside JUnit (a benchmark's main), then {@link #close()}. */
  public EmbeddedKafka start() throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return this;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  @Override
  public void close() throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      partitionsByTopic.forEach(
          (name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
      admin.createTopics(topics).all().get();
    }
  }

  /**
   * The topics the job reads and writes: {@code cad.incidents} with {@code cadPartitions}
   * partitions, the other inputs and the dead-letter topic with one each (the job reads every
   * input, so each must exist even when a test leaves it empty).
   */
  public void createContractTopics(int cadPartitions) throws Exception {
    createTopics(
        Map.of(
            uk.ambulance.ops.events.Topics.CAD_INCIDENTS, cadPartitions,
            uk.ambulance.ops.events.Topics.AVL_POSITIONS, 1,
            uk.ambulance.ops.events.Topics.HOSPITAL_STATUS, 1,
            uk.ambulance.ops.events.Topics.OPS_DEADLETTER, 1));
  }

  /**
   * Sends every record and waits until the broker has acknowledged all of them, each partition
   * holding its records at offsets in the list's order (as tests that put records at the offsets a
   * savepoint holds need). One request in flight: with several, a broker stalled by a loaded
   * machine answered a retried batch with OutOfOrderSequenceException and the records were lost
   * (seen on CI).
   */
  public void produce(List<ProducerRecord<byte[], byte[]>> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // A loaded 2-core machine can stall the in-JVM broker for a minute: wait it out rather than
    // time a batch out, whose retry the idempotent producer then refuses as out of sequence.
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "180000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
    // A full buffer or a topic whose metadata is slow to appear blocks send() for up to
    // max.block.ms and then fails the record: on a loaded CI machine 60 s is not enough.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L * 1024 * 1024));
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(
            r,
            (metadata, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failed.get() != null) {
      // A send that failed lost records: the test would measure less than it sent.
      throw new IllegalStateException(
          "not every record was acknowledged: " + failed.get(), failed.get());
    }
  }

  /** Reads {@code expected} records from the start of a topic, failing after {@code timeout}. */
  public List<ConsumerRecord<byte[], byte[]>> consume(
      String topic, int expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Whether a consumer group has committed (a Flink job: checkpointed) every record now on these
   * topics.
   */
  public boolean consumedAll(String consumerGroup, Collection<String> topics) throws Exception {
    return consumedAll(bootstrapServers(), consumerGroup, topics);
  }

  /** The same, on any broker (a local stack's). */
  public static boolean consumedAll(
      String bootstrapServers, String consumerGroup, Collection<String> topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicDescription t : admin.describeTopics(topics).allTopicNames().get().values()) {
        t.partitions()
            .forEach(
                p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(consumerGroup).partitionsToOffsetAndMetadata().get();
      for (var end : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        if ((at == null ? 0 : at.offset()) < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    }
  }
}
