package uk.ambulance.ops.generators.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.CliTest;
import uk.ambulance.ops.generators.output.NdjsonFiles;

/**
 * Against a real (in-JVM) Kafka broker: a short simulation published with the CLI comes back off
 * the three topics exactly as the file output of the same run, keyed per the contract; and a replay
 * of those files publishes the same records.
 */
@Tag("kafka")
@Tag("cluster") // starts real components: run by ./mvnw verify, not the fast tier
class KafkaRoundTripTest {
  private static final String[] RUN = {
    "--hours", "1", "--start", "2026-04-06T08:00:00Z", "--seed", "11", "--quiet"
  };
  private KafkaClusterTestKit cluster;

  @BeforeEach
  void startKafka() throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            // Simulated records carry April 2026 timestamps: keep them whatever their age.
            .setConfigProp("log.retention.ms", "-1")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterEach
  void stopKafka() throws Exception {
    cluster.close();
  }

  @Test
  void simulateToKafkaPublishesWhatTheFilesHold(@TempDir Path dir) throws Exception {
    Path files = dir.resolve("files");
    assertThat(CliTest.run(args("simulate", "--out", files.toString())).code()).isZero();
    var kafka =
        CliTest.run(
            args(
                "simulate",
                "--bootstrap",
                cluster.bootstrapServers(),
                "--speed",
                "max",
                "--truth",
                dir.resolve("truth.ndjson").toString()));
    assertThat(kafka.code()).as(kafka.err()).isZero();
    assertTopicsHold(files);
    assertThat(Files.readString(dir.resolve("truth.ndjson")))
        .isEqualTo(Files.readString(files.resolve("ground-truth.ndjson")));
  }

  @Test
  void replayPublishesEveryRecordOfTheFiles(@TempDir Path dir) throws Exception {
    assertThat(CliTest.run(args("simulate", "--out", dir.toString())).code()).isZero();
    var replay =
        CliTest.run(
            "replay",
            "--in",
            dir.toString(),
            "--bootstrap",
            cluster.bootstrapServers(),
            "--speed",
            "max",
            "--quiet");
    assertThat(replay.code()).as(replay.err()).isZero();
    assertTopicsHold(dir);
  }

  private static String[] args(String... head) {
    String[] all = new String[head.length + RUN.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(RUN, 0, all, head.length, RUN.length);
    return all;
  }

  /** Every topic holds exactly its file's lines (as a multiset per key), keyed per contract. */
  private void assertTopicsHold(Path dir) throws Exception {
    Map<String, String> keyFields =
        Map.of(
            Topics.CAD_INCIDENTS, "incidentId",
            Topics.AVL_POSITIONS, "vehicleId",
            Topics.HOSPITAL_STATUS, "hospitalId");
    for (String topic : Topics.INPUTS) {
      List<String> expected = Files.readAllLines(NdjsonFiles.fileFor(dir, topic));
      List<ConsumerRecord<String, byte[]>> records = consume(topic, expected.size());
      Map<String, List<String>> expectedByKey = new HashMap<>();
      for (String line : expected) {
        expectedByKey
            .computeIfAbsent(keyOf(line, keyFields.get(topic)), k -> new ArrayList<>())
            .add(line);
      }
      Map<String, List<String>> actualByKey = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : records) {
        actualByKey
            .computeIfAbsent(r.key(), k -> new ArrayList<>())
            .add(new String(r.value(), StandardCharsets.UTF_8));
      }
      // Per key, Kafka keeps order within a partition: the lists must be equal in order.
      assertThat(actualByKey).as(topic).isEqualTo(expectedByKey);
    }
  }

  private static String keyOf(String json, String field) {
    int i = json.indexOf("\"" + field + "\":\"");
    if (i < 0) {
      return null;
    }
    int start = i + field.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }

  private List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      // Assigned partitions, no consumer group: nothing to wait for but the records.
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int emptyPollsAfterAll = 0;
      while (System.nanoTime() < deadline && emptyPollsAfterAll < 2) {
        var batch = consumer.poll(Duration.ofMillis(500));
        batch.forEach(out::add);
        if (out.size() >= expected && batch.isEmpty()) {
          emptyPollsAfterAll++;
        }
      }
    }
    return out;
  }
}
