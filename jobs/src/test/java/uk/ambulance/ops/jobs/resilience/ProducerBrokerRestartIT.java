package uk.ambulance.ops.jobs.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;
import uk.ambulance.ops.generators.Cli;
import uk.ambulance.ops.generators.output.KafkaSink;
import uk.ambulance.ops.generators.output.NdjsonFiles;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.Pacer;
import uk.ambulance.ops.generators.output.RecordSink;
import uk.ambulance.ops.generators.replay.Replayer;
import uk.ambulance.ops.jobs.testing.KafkaBrokerProcess;

/**
 * The simulator's and importer's producer ({@link KafkaSink}, behind {@code simulate}, {@code
 * replay} and {@code import}) rides out a broker restart. A simulated hour is replayed at a pace
 * that spans the outage while a real broker process is stopped for three times the old-style limit,
 * then started again on the same port and log directory. A second producer with those old 5-second
 * limits, sending during the same outage, must fail: that is what makes the outage long enough to
 * matter. The replay must succeed and every record must be in Kafka exactly once, unchanged, in the
 * order sent for its key.
 */
class ProducerBrokerRestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration OLD_LIMIT = Duration.ofSeconds(5);
  private static final Duration OUTAGE = OLD_LIMIT.multipliedBy(3);
  private static final Duration REPLAY_WALL_TIME = Duration.ofSeconds(30);
  private static final String CONTROL_TOPIC = "control";

  @TempDir Path dir;

  @Test
  void aReplayThroughABrokerRestartDeliversEveryRecordOnceAndInOrder() throws Exception {
    Path files = dir.resolve("files");
    assertThat(
            Cli.run(
                new String[] {
                  "simulate", "--out", files.toString(), "--hours", "1", "--no-avl", "--quiet"
                },
                System.out,
                System.err))
        .isZero();
    Map<String, Map<String, List<String>>> sentByTopicAndKey = readByTopicAndKey(files);
    long total =
        sentByTopicAndKey.values().stream()
            .flatMap(byKey -> byKey.values().stream())
            .mapToLong(List::size)
            .sum();

    try (KafkaBrokerProcess broker = KafkaBrokerProcess.plaintext(dir.resolve("broker")).start()) {
      createTopics(broker.bootstrapServers());

      AtomicLong handedToKafka = new AtomicLong();
      KafkaSink kafka =
          new KafkaSink(
              broker.bootstrapServers(),
              KafkaClientProperties.NONE,
              KafkaSink.DEFAULT_DELIVERY_TIMEOUT);
      double speed = spanMillis(files) / (double) REPLAY_WALL_TIME.toMillis();
      CompletableFuture<Long> replay =
          CompletableFuture.supplyAsync(
              () -> {
                try (Pacer pacer = new Pacer(counting(kafka, handedToKafka), speed)) {
                  return Replayer.replay(files, pacer, () -> {});
                } catch (IOException e) {
                  throw new IllegalStateException(e.getMessage(), e);
                }
              });

      // The old limits: the same producer, but giving up after 5 s. It fails within the outage.
      KafkaSink oldStyle =
          new KafkaSink(broker.bootstrapServers(), KafkaClientProperties.NONE, OLD_LIMIT);
      oldStyle.send(controlRecord("sent while up"));

      // A fifth of the way in, the broker goes away.
      awaitAtLeast(handedToKafka, total / 5, Duration.ofMinutes(1));
      broker.stop();
      long downAt = System.nanoTime();
      long sentBeforeOutage = handedToKafka.get();
      assertThat(replay).as("the replay is still running when the broker stops").isNotDone();

      oldStyle.send(controlRecord("sent while down"));
      assertThatThrownBy(oldStyle::close)
          .as("a producer with the old-style %s limits, broker down", OLD_LIMIT)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("Kafka send failed");
      assertThat(Duration.ofNanos(System.nanoTime() - downAt)).isLessThan(OUTAGE);

      // The outage itself is the test's input, not a synchronisation: wait it out.
      long upAt = downAt + OUTAGE.toNanos();
      TimeUnit.NANOSECONDS.sleep(Math.max(0, upAt - System.nanoTime()));
      // While the broker is away a send waits for it (max.block.ms): the replay pauses, then
      // catches up. It must neither have failed nor finished.
      assertThat(replay).as("the replay is still running after the outage").isNotDone();
      broker.start();
      long outageSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downAt);

      // Generous: a loaded 2-core machine restarts a broker JVM slowly; a hang still fails, and
      // says where the replay and the producer stood.
      assertThat(awaitReplay(replay, broker, handedToKafka, total)).isEqualTo(total);
      assertThat(handedToKafka.get()).isEqualTo(total);
      System.out.printf(
          "ProducerBrokerRestartIT: %,d records, broker down %d s (%,d handed over before)%n",
          total, outageSeconds, sentBeforeOutage);

      Map<String, Map<String, List<String>>> received =
          readBack(broker.bootstrapServers(), sentByTopicAndKey.keySet());
      for (String topic : sentByTopicAndKey.keySet()) {
        List<String> values = received.get(topic).values().stream().flatMap(List::stream).toList();
        long expected = sentByTopicAndKey.get(topic).values().stream().mapToLong(List::size).sum();
        Set<String> eventIds = new HashSet<>();
        for (String value : values) {
          eventIds.add(JSON.readTree(value).get("eventId").asText());
        }
        assertThat(values).as("records in %s", topic).hasSize((int) expected);
        assertThat(eventIds).as("distinct eventIds in %s", topic).hasSize((int) expected);
        // Per key, the same records, unchanged and in the order they were sent.
        assertThat(received.get(topic)).as(topic).isEqualTo(sentByTopicAndKey.get(topic));
      }
    }
  }

  private static long awaitReplay(
      CompletableFuture<Long> replay, KafkaBrokerProcess broker, AtomicLong handed, long total)
      throws Exception {
    try {
      return replay.get(6, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "the replay did not finish in 6 min after the broker restart: %,d of %,d records handed over%n%s%nbroker log, last lines:%n%s"
              .formatted(handed.get(), total, producerThreads(), broker.logTail(80)),
          e);
    }
  }

  /** The stacks of the replay and the producer's threads: where a hang waits. */
  private static String producerThreads() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              String name = thread.getName();
              if (name.startsWith("kafka-producer") || name.startsWith("ForkJoinPool")) {
                out.append(name).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                  out.append("    at ").append(frame).append('\n');
                }
              }
            });
    return out.toString();
  }

  private static OutRecord controlRecord(String text) {
    return new OutRecord(CONTROL_TOPIC, "k", 0, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Hands records on and counts them: how far the replay has got, readable from the test. */
  private static RecordSink counting(RecordSink next, AtomicLong count) {
    return new RecordSink() {
      @Override
      public void send(OutRecord record) throws IOException {
        next.send(record);
        count.incrementAndGet();
      }

      @Override
      public void close() throws IOException {
        next.close();
      }
    };
  }

  private static void awaitAtLeast(AtomicLong count, long target, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.get() < target) {
      assertThat(System.nanoTime())
          .as("%d records handed over in %s", target, timeout)
          .isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20); // polling interval; the loop checks the count
    }
  }

  /** What the replay sends: per topic, per key, the lines in file order. */
  private static Map<String, Map<String, List<String>>> readByTopicAndKey(Path files)
      throws IOException {
    Map<String, Map<String, List<String>>> byTopic = new LinkedHashMap<>();
    for (String[] stream : Replayer.streams()) {
      Map<String, List<String>> byKey = new LinkedHashMap<>();
      for (String line : Files.readAllLines(NdjsonFiles.fileFor(files, stream[0]))) {
        String key = JSON.readTree(line).get(stream[1]).asText();
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
      }
      if (!byKey.isEmpty()) {
        byTopic.put(stream[0], byKey);
      }
    }
    return byTopic;
  }

  /** From the first record time to the last across the files: what the pace is applied to. */
  private static long spanMillis(Path files) throws IOException {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (String topic : Topics.INPUTS) {
      for (String line : Files.readAllLines(NdjsonFiles.fileFor(files, topic))) {
        JsonNode time = JSON.readTree(line).get("time");
        long t = Instant.parse(time.asText()).toEpochMilli();
        first = Math.min(first, t);
        last = Math.max(last, t);
      }
    }
    return last - first;
  }

  private static void createTopics(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String topic : Topics.INPUTS) {
        topics.add(new NewTopic(topic, 3, (short) 1));
      }
      topics.add(new NewTopic(CONTROL_TOPIC, 1, (short) 1));
      admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
    }
  }

  /** Everything in the topics, per topic, per key, in offset order. */
  private static Map<String, Map<String, List<String>>> readBack(
      String bootstrap, Set<String> topics) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic)
            .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        out.put(topic, new LinkedHashMap<>());
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("reading back to the end offsets").isLessThan(deadline);
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.get(r.topic()).computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
      }
    }
    return out;
  }
}
