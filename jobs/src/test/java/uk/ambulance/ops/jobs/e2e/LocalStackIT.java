package uk.ambulance.ops.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.testing.CraftedIncidents;
import uk.ambulance.ops.jobs.testing.InfluxHttp;
import uk.ambulance.ops.jobs.testing.ResponseTimeOracle;

/**
 * End to end through real processes: {@code deploy/local/stack up} starts a Kafka broker, InfluxDB
 * and a Flink session cluster (JobManager and TaskManager) on free loopback ports and submits the
 * packaged job jar over REST. The test publishes crafted incidents to the broker and reads the
 * results back from InfluxDB with InfluxQL, comparing them with the independent oracle.
 */
class LocalStackIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path STACK = REPO.resolve("deploy/local/stack");
  private static final long HOUR = 3_600_000;
  private static final int PARTITIONS = 4;

  private static final Map<String, String> BAD_RECORDS =
      Map.of(
          "{\"eventId\":", "malformed JSON",
          "{\"eventId\":\"b\",\"incidentId\":\"X\",\"type\":\"CATEGORISED\",\"time\":\"2026-04-06T09:00:00Z\",\"category\":\"C7\"}",
              "unknown value 'C7' for field 'category'",
          "{\"eventId\":\"c\",\"incidentId\":\"X\",\"type\":\"CALL_CONNECTED\",\"time\":\"2026-04-06T09:00:00Z\",\"lat\":40.7,\"lon\":-74.0}",
              "outside Greater London");

  private static Map<String, String> env;
  private static InfluxHttp influx;
  private static List<CraftedIncidents.Incident> incidents;
  private static int uniqueEvents;
  private static int duplicates;

  @BeforeAll
  static void bringTheStackUpAndPublish() throws Exception {
    requireProgram("influxd", "install it with `sudo apt-get install -y influxdb` (Debian/Ubuntu)");
    Path jobJar = REPO.resolve("jobs/target/jobs-0.1.0-SNAPSHOT-job.jar");
    assertThat(jobJar).as("the job jar (run through `mvnw verify`, which packages first)").exists();

    env = new HashMap<>();
    env.put("STACK_HOME", REPO.resolve("jobs/target/e2e-stack").toString());
    List<Integer> ports = freePorts(8);
    env.put("KAFKA_PORT", ports.get(0).toString());
    env.put("KAFKA_CONTROLLER_PORT", ports.get(1).toString());
    env.put("INFLUX_PORT", ports.get(2).toString());
    env.put("INFLUX_RPC_PORT", ports.get(3).toString());
    env.put("FLINK_REST_PORT", ports.get(4).toString());
    env.put("FLINK_RPC_PORT", ports.get(5).toString());
    env.put("ALERTMANAGER_PORT", ports.get(6).toString());
    env.put("PAGER_PORT", ports.get(7).toString());
    env.put("TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
    env.put("JOB_JAR", jobJar.toString());
    // Short idleness and disorder bounds keep the test quick; the logic is the same.
    env.put("JOB_ARGS", "--out-of-orderness-s 5 --idleness-s 5 --checkpoint-interval-s 5");
    // An earlier run's Kafka records and InfluxDB points would mix with this run's.
    run("clean");
    run("up");

    influx = new InfluxHttp("http://127.0.0.1:" + env.get("INFLUX_PORT"));
    publish();
  }

  @AfterAll
  static void bringTheStackDown() throws Exception {
    if (env != null) {
      run("down");
    }
  }

  private static void publish() {
    // In the past, so every window closes; within a day, so nothing is refused as too old to
    // matter (nothing is) or in the future.
    Instant base = Instant.now().minus(8, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    incidents = new CraftedIncidents(77, base).generate(150, 3600);
    Random random = new Random(5);
    record Delivery(long order, ProducerRecord<byte[], byte[]> record) {}
    List<Delivery> deliveries = new ArrayList<>();
    for (CraftedIncidents.Incident incident : incidents) {
      for (IncidentEvent e : incident.events()) {
        long order = e.timeMillis() + random.nextInt(120_000);
        deliveries.add(new Delivery(order, record(e, -1)));
        uniqueEvents++;
        if (random.nextInt(15) == 0) {
          deliveries.add(new Delivery(order + random.nextInt(300_000), record(e, -1)));
          duplicates++;
        }
      }
    }
    deliveries.sort(Comparator.comparingLong(Delivery::order));
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    deliveries.forEach(d -> records.add(d.record()));
    BAD_RECORDS
        .keySet()
        .forEach(
            bad ->
                records.add(
                    new ProducerRecord<>(
                        Topics.CAD_INCIDENTS,
                        "BAD".getBytes(StandardCharsets.UTF_8),
                        bad.getBytes(StandardCharsets.UTF_8))));
    // One call per partition at the present moment moves event time on everywhere, so every
    // window of the crafted incidents is complete. These calls have no response time.
    for (int p = 0; p < PARTITIONS; p++) {
      records.add(
          record(
              IncidentEvent.callConnected(
                  "now-" + p, "NOW-" + p, Instant.now().minusSeconds(1), 51.5, -0.1, Area.NC),
              p));
      uniqueEvents++;
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + env.get("KAFKA_PORT"));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  private static ProducerRecord<byte[], byte[]> record(IncidentEvent e, int partition) {
    byte[] key = e.incidentId().getBytes(StandardCharsets.UTF_8);
    return partition < 0
        ? new ProducerRecord<>(Topics.CAD_INCIDENTS, key, EventJson.toBytes(e))
        : new ProducerRecord<>(Topics.CAD_INCIDENTS, partition, key, EventJson.toBytes(e));
  }

  @Test
  void responseTimesInInfluxDbEqualTheIndependentCalculation() throws Exception {
    // The job writes ticks as event time passes and corrections as late events arrive; poll
    // until InfluxDB holds the oracle's answer for every window, then compare exactly.
    List<String> mismatches = List.of("nothing read yet");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      mismatches = compareWithOracle();
      if (mismatches.isEmpty()) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(500); // polling interval, not synchronisation: the loop checks
    }
    assertThat(mismatches).as("windows that differ from the oracle").isEmpty();
  }

  private List<String> compareWithOracle() throws Exception {
    List<InfluxHttp.Row> rows =
        influx.query(
            "ops",
            "SELECT incidents, mean_s, p90_s FROM response_times WHERE \"window\" = '1h' GROUP BY category, area");
    List<String> mismatches = new ArrayList<>();
    Map<String, InfluxHttp.Row> byIdentity = new HashMap<>();
    for (InfluxHttp.Row row : rows) {
      byIdentity.put(
          row.tags().get("category") + "|" + row.tags().get("area") + "@" + row.time(), row);
    }
    int checkedWithIncidents = 0;
    for (ReportingCategory category : ReportingCategory.values()) {
      for (String area : CraftedIncidents.scopes()) {
        List<CraftedIncidents.Expected> expected =
            CraftedIncidents.expected(incidents, category, area);
        if (expected.isEmpty()) {
          continue;
        }
        long first =
            expected.stream().mapToLong(CraftedIncidents.Expected::clockStopMs).min().orElseThrow();
        long last =
            expected.stream().mapToLong(CraftedIncidents.Expected::clockStopMs).max().orElseThrow();
        for (long t = first - first % 10_000 + 10_000; t <= last + HOUR; t += 10_000) {
          var oracle = ResponseTimeOracle.window(expected, t, HOUR);
          if (oracle.count() == 0) {
            continue;
          }
          checkedWithIncidents++;
          InfluxHttp.Row row = byIdentity.get(category + "|" + area + "@" + t);
          if (row == null) {
            mismatches.add("missing " + category + " " + area + " at " + Instant.ofEpochMilli(t));
          } else if (row.values().get("incidents").asLong() != oracle.count()
              || Math.abs(row.values().get("mean_s").asDouble() - oracle.meanSeconds()) > 1e-6
              || Math.abs(row.values().get("p90_s").asDouble() - oracle.p90Seconds()) > 1e-6) {
            mismatches.add(
                category
                    + " "
                    + area
                    + " at "
                    + Instant.ofEpochMilli(t)
                    + ": InfluxDB "
                    + row.values()
                    + ", expected "
                    + oracle);
          }
        }
      }
    }
    if (checkedWithIncidents == 0) {
      mismatches.add("the oracle expected no windows: the crafted incidents are wrong");
    }
    return mismatches.size() > 20 ? mismatches.subList(0, 20) : mismatches;
  }

  @Test
  void refusedRecordsReachTheDeadLetterTopicAndThePipelineMetricCountsEverything()
      throws Exception {
    List<ConsumerRecord<byte[], byte[]>> letters =
        consume(Topics.OPS_DEADLETTER, BAD_RECORDS.size());
    assertThat(letters).hasSize(BAD_RECORDS.size());
    ObjectMapper json = new ObjectMapper();
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      var node = json.readTree(letter.value());
      assertThat(node.get("reason").asText())
          .contains(BAD_RECORDS.get(node.get("payload").asText()));
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    List<InfluxHttp.Row> last = List.of();
    while (System.nanoTime() < deadline) {
      last =
          influx.query(
              "ops",
              "SELECT last(events) AS events, last(rejected) AS rejected, last(duplicates) AS duplicates FROM pipeline WHERE stream = 'cad.incidents'");
      if (!last.isEmpty() && last.get(0).values().get("events").asLong() == uniqueEvents) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(500); // polling interval
    }
    assertThat(last).hasSize(1);
    assertThat(last.get(0).values().get("events").asLong()).isEqualTo(uniqueEvents);
    assertThat(last.get(0).values().get("rejected").asLong()).isEqualTo(BAD_RECORDS.size());
    assertThat(last.get(0).values().get("duplicates").asLong()).isEqualTo(duplicates);
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + env.get("KAFKA_PORT"));
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  private static void run(String command) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", STACK.toString(), command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = REPO.resolve("jobs/target/e2e-stack-" + command + ".log");
    Files.createDirectories(log.getParent());
    pb.redirectOutput(log.toFile());
    Process process = pb.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("stack " + command + " did not finish in 10 minutes; see " + log);
    }
    if (process.exitValue() != 0) {
      fail(
          "stack "
              + command
              + " failed (exit "
              + process.exitValue()
              + "):\n"
              + Files.readString(log));
    }
  }

  private static void requireProgram(String program, String howToInstall) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return;
      }
    }
    fail(program + " not found on PATH: " + howToInstall);
  }

  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
