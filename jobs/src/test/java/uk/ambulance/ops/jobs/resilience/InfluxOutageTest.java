package uk.ambulance.ops.jobs.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.edge.Inbound;
import uk.ambulance.ops.jobs.edge.ValidatingDeserializer;
import uk.ambulance.ops.jobs.sink.influx.InfluxDbSink;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.CraftedIncidents;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;
import uk.ambulance.ops.jobs.testing.InfluxHttp;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;
import uk.ambulance.ops.jobs.testing.ResponseTimeOracle;

/**
 * An InfluxDB outage in the middle of a stream loses nothing: the real job graph, the real {@link
 * InfluxDbSink}, a real influxd that is stopped and restarted, a real (in-JVM) Kafka broker, Flink
 * in streaming mode with checkpoints. The job runs twice over the same Kafka records: once with an
 * outage (database {@code with_outage}), once without ({@code no_outage}); every {@code
 * response_times} point of both (identity and every field) must be the same, and equal to the
 * independent oracle.
 *
 * <p>"Mid-stream" is made deterministic by the data, not by timing: the source stops at end offsets
 * fixed in advance, so the job starts on the first half of the records, influxd is stopped once
 * that half's first points are visible, and only then is the second half produced. The outage lasts
 * until a sink subtask has retried {@value #RETRIES_DURING_OUTAGE} times (backoff 100 ms doubling
 * to 1 s, one request in flight: about 10 s, as many retry rounds as a one-minute outage with the
 * production backoff of 100 ms to 30 s), its buffer has filled so that the job backpressures, and
 * the job is still RUNNING; then influxd comes back on the same port and data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ClusterTest
class InfluxOutageTest {
  private static final Instant BASE = Instant.parse("2026-04-06T08:00:00Z");
  private static final long HOUR = 3_600_000;
  private static final int PARTITIONS = 2;
  private static final int RETRIES_DURING_OUTAGE = 12;
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  @Order(1)
  static final KafkaAndFlink CLUSTER =
      new KafkaAndFlink(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(METRICS.addToConfiguration(new Configuration()))
              .build());

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  @RegisterExtension
  @Order(2)
  static final InfluxDbServer INFLUX = new InfluxDbServer();

  @Test
  void anInfluxOutageMidStreamEndsWithTheSameContentsAsARunWithoutOne() throws Exception {
    KAFKA.createContractTopics(PARTITIONS);
    List<CraftedIncidents.Incident> incidents =
        new CraftedIncidents(606, BASE).generate(300, 3 * 3600);
    List<ProducerRecord<byte[], byte[]>> records = deliveries(incidents);
    Map<TopicPartition, Long> endOffsets = endOffsets(records);
    int half = records.size() / 2;
    InfluxHttp influx = new InfluxHttp(INFLUX.url());
    // So that polling for the first points can start before the sink has opened.
    INFLUX.createDatabase("with_outage");

    // Run 1, with an outage in the middle.
    KAFKA.produce(records.subList(0, half));
    JobClient job = start("with_outage", endOffsets);
    awaitUntil(
        "the first points in InfluxDB",
        () -> running(job) && pointCount(influx, "with_outage") > 0);
    long firstPointsVisible = pointCount(influx, "with_outage");

    INFLUX.stop();
    long outageStart = System.nanoTime();
    long outageMillis;
    try {
      KAFKA.produce(records.subList(half, records.size()));
      awaitUntil(
          "the sink retrying through the outage, its buffer full, the job backpressured",
          () ->
              running(job)
                  && mostRetriesOfOneSubtask(job) >= RETRIES_DURING_OUTAGE
                  && backpressured(job));
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      INFLUX.start();
      outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart);
    }
    job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);

    // Run 2, the same records, no outage.
    JobClient reference = start("no_outage", endOffsets);
    reference.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(retriedWrites(reference)).isZero();

    Map<String, Map<String, JsonNode>> withOutage = responseTimes(influx, "with_outage");
    Map<String, Map<String, JsonNode>> withoutOutage = responseTimes(influx, "no_outage");
    List<String> zeroOnlyInOneRun = new ArrayList<>();
    List<String> differences = differences(withOutage, withoutOutage, zeroOnlyInOneRun);
    System.out.printf(
        "InfluxOutageTest: %d records, influxd down %d ms after %d points were visible,"
            + " %d retried writes; %d and %d response_times points compared, %d differences,"
            + " %d zero-incident points in one run only%n",
        records.size(),
        outageMillis,
        firstPointsVisible,
        retriedWrites(job),
        withOutage.size(),
        withoutOutage.size(),
        differences.size(),
        zeroOnlyInOneRun.size());

    // The outage was real: most of the points were written after it.
    assertThat(firstPointsVisible).isLessThan(withOutage.size() / 2);
    assertThat(withOutage).hasSizeGreaterThan(1000);
    assertThat(differences).isEmpty();
    assertThat(zeroOnlyInOneRun.size()).isLessThan(withOutage.size() / 20);
    Map<String, Map<String, JsonNode>> finalsWithOutage = finalFigures(influx, "with_outage");
    assertThat(finalsWithOutage).isNotEmpty().isEqualTo(finalFigures(influx, "no_outage"));
    assertEveryPointEqualsTheOracle(withOutage, incidents);
  }

  /** Events in a realistic delivery order: up to 5 min late, 1 in 20 sent twice. */
  private static List<ProducerRecord<byte[], byte[]>> deliveries(
      List<CraftedIncidents.Incident> incidents) {
    Random random = new Random(7);
    record Delivery(long sendAt, ProducerRecord<byte[], byte[]> record) {}
    List<Delivery> deliveries = new ArrayList<>();
    for (CraftedIncidents.Incident incident : incidents) {
      int partition = Math.floorMod(incident.id().hashCode(), PARTITIONS);
      for (IncidentEvent e : incident.events()) {
        long sendAt = e.timeMillis() + random.nextInt(300_000);
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                Topics.CAD_INCIDENTS,
                partition,
                e.incidentId().getBytes(StandardCharsets.UTF_8),
                EventJson.toBytes(e));
        deliveries.add(new Delivery(sendAt, record));
        if (random.nextInt(20) == 0) {
          deliveries.add(new Delivery(sendAt + random.nextInt(600_000), record));
        }
      }
    }
    deliveries.sort(Comparator.comparingLong(Delivery::sendAt));
    return deliveries.stream().map(Delivery::record).toList();
  }

  /** A fresh topic's offsets start at 0, so a partition's end offset is its record count. */
  private static Map<TopicPartition, Long> endOffsets(List<ProducerRecord<byte[], byte[]>> all) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      ends.put(new TopicPartition(Topics.CAD_INCIDENTS, p), 0L);
    }
    for (ProducerRecord<byte[], byte[]> r : all) {
      ends.merge(new TopicPartition(r.topic(), r.partition()), 1L, Long::sum);
    }
    return ends;
  }

  /** The job graph of production, its source bounded by end offsets, the real InfluxDB sink. */
  private static JobClient start(String database, Map<TopicPartition, Long> endOffsets)
      throws Exception {
    JobSettings settings =
        JobSettings.parse(
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--influx-url",
            INFLUX.url(),
            "--influx-database",
            database,
            "--consumer-group",
            "outage-test-" + database,
            // A partition waiting for the second half must hold time back, as a slow one would
            // in production, rather than be declared idle by the wall clock.
            "--idleness-s",
            "3600");
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, true);
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure must fail the test
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(2);
    env.enableCheckpointing(500);
    KafkaSource<Inbound<IncidentEvent>> source =
        KafkaSource.<Inbound<IncidentEvent>>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setTopics(Topics.CAD_INCIDENTS)
            .setGroupId(settings.consumerGroup())
            .setDeserializer(
                new ValidatingDeserializer<>(
                    new IncidentEventParser(settings.validationRules()), IncidentEvent.class))
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.offsets(endOffsets))
            .build();
    // The vehicle and hospital feeds play no part here: empty topics, read to their end.
    OpsAnalyticsWorkflow.Inputs noPositions =
        KafkaEndpoints.inputs(
            JobSettings.parse(
                "--bootstrap-servers",
                KAFKA.bootstrapServers(),
                "--influx-url",
                INFLUX.url(),
                "--replay"));
    InfluxDbSink sink =
        InfluxDbSink.builder()
            .setUrl(INFLUX.url())
            .setDatabase(database)
            .setRequestTimeout(Duration.ofSeconds(2))
            .setRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
            .setMaxTimeInBufferMS(100)
            // Small enough that the outage fills it: the job must then backpressure, not fail.
            .setMaxBatchSize(500)
            .setMaxBufferedRequests(1_000)
            .build();
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        new OpsAnalyticsWorkflow.Inputs(source, noPositions.positions(), noPositions.hospitals()),
        new OpsAnalyticsWorkflow.Outputs(sink, KafkaEndpoints.deadLetterSink(settings)));
    return env.executeAsync("outage-test-" + database);
  }

  /**
   * Identities whose fields differ or that exist in one run only, with both versions; except a
   * point of zero incidents that exists in one run only: the window-emptied marker {@link
   * uk.ambulance.ops.jobs.window.RollingWindowFunction} writes depends on how far the watermark had
   * got when the next change arrived, which differs between any two runs, outage or not. Those are
   * counted in {@code zeroOnlyInOneRun} instead.
   */
  private static List<String> differences(
      Map<String, Map<String, JsonNode>> actual,
      Map<String, Map<String, JsonNode>> expected,
      List<String> zeroOnlyInOneRun) {
    List<String> out = new ArrayList<>();
    TreeMap<String, Object> all = new TreeMap<>();
    actual.keySet().forEach(k -> all.put(k, k));
    expected.keySet().forEach(k -> all.put(k, k));
    for (String identity : all.keySet()) {
      Map<String, JsonNode> a = actual.get(identity);
      Map<String, JsonNode> e = expected.get(identity);
      if (a != null && a.equals(e)) {
        continue;
      }
      Map<String, JsonNode> present = a != null ? a : e;
      if ((a == null || e == null) && present.get("incidents").asLong() == 0) {
        zeroOnlyInOneRun.add(identity);
      } else {
        out.add(identity + ": with outage " + a + ", without " + e);
      }
    }
    return out.size() <= 20 ? out : out.subList(0, 20);
  }

  private static long pointCount(InfluxHttp influx, String database) throws Exception {
    List<InfluxHttp.Row> rows =
        influx.query(database, "SELECT count(incidents) FROM response_times");
    return rows.isEmpty() ? 0 : rows.get(0).values().get("count").asLong();
  }

  /** Every response_times point: identity (tags and time) to its fields. */
  /**
   * The 1h points: every one is a function of the data alone. (Today's and the month's snapshots
   * between ticks count what was known when they were written, so they differ between any two runs;
   * their final figures are compared by {@link #finalFigures}.)
   */
  private static Map<String, Map<String, JsonNode>> responseTimes(
      InfluxHttp influx, String database) throws Exception {
    return points(
        influx, database, "SELECT * FROM response_times WHERE \"window\" = '1h' GROUP BY *");
  }

  /** Each day's and month's final figure, written at its last millisecond. */
  private static Map<String, Map<String, JsonNode>> finalFigures(InfluxHttp influx, String database)
      throws Exception {
    Map<String, Map<String, JsonNode>> finals =
        points(
            influx, database, "SELECT * FROM response_times WHERE \"window\" != '1h' GROUP BY *");
    finals.keySet().removeIf(identity -> !identity.endsWith("999"));
    return finals;
  }

  private static Map<String, Map<String, JsonNode>> points(
      InfluxHttp influx, String database, String query) throws Exception {
    Map<String, Map<String, JsonNode>> points = new TreeMap<>();
    for (InfluxHttp.Row row : influx.query(database, query)) {
      Map<String, JsonNode> fields = new TreeMap<>(row.values());
      fields.remove("time");
      fields.values().removeIf(JsonNode::isNull);
      String identity = new TreeMap<>(row.tags()) + "@" + row.time();
      assertThat(points.put(identity, fields)).as("one row per identity: %s", identity).isNull();
    }
    return points;
  }

  private static void assertEveryPointEqualsTheOracle(
      Map<String, Map<String, JsonNode>> points, List<CraftedIncidents.Incident> incidents) {
    List<CraftedIncidents.Expected> expected =
        incidents.stream().flatMap(i -> i.expected().stream()).toList();
    for (Map.Entry<String, Map<String, JsonNode>> point : points.entrySet()) {
      String identity = point.getKey();
      String category = tag(identity, "category");
      String area = tag(identity, "area");
      long time = Long.parseLong(identity.substring(identity.indexOf('@') + 1));
      ResponseTimeOracle.Figures oracle =
          ResponseTimeOracle.window(
              expected.stream()
                  .filter(e -> e.category() == ReportingCategory.valueOf(category))
                  .filter(e -> area.equals("ALL") || e.area().name().equals(area))
                  .toList(),
              time,
              HOUR);
      Map<String, JsonNode> fields = point.getValue();
      assertThat(fields.get("incidents").asLong())
          .as("count at %s", identity)
          .isEqualTo(oracle.count());
      if (oracle.count() > 0) {
        assertThat(fields.get("mean_s").asDouble())
            .as("mean at %s", identity)
            .isCloseTo(oracle.meanSeconds(), within(1e-6));
        assertThat(fields.get("p90_s").asDouble())
            .as("p90 at %s", identity)
            .isCloseTo(oracle.p90Seconds(), within(1e-6));
      }
    }
  }

  private static String tag(String identity, String key) {
    int start = identity.indexOf(key + "=") + key.length() + 1;
    int end = start;
    while (end < identity.length() && ",}".indexOf(identity.charAt(end)) < 0) {
      end++;
    }
    return identity.substring(start, end);
  }

  private static long retriedWrites(JobClient job) {
    return METRICS.findMetrics(job.getJobID(), "influxRetriedWrites").values().stream()
        .mapToLong(metric -> ((Counter) metric).getCount())
        .sum();
  }

  /** Retries of the subtask that retried most: each subtask backs off on its own. */
  private static long mostRetriesOfOneSubtask(JobClient job) {
    return METRICS.findMetrics(job.getJobID(), "influxRetriedWrites").values().stream()
        .mapToLong(metric -> ((Counter) metric).getCount())
        .max()
        .orElse(0);
  }

  /** Whether the job runs; throws (ending the wait) with its failure if it ended. */
  private static boolean running(JobClient job) throws Exception {
    JobStatus status = job.getJobStatus().get();
    if (status.isGloballyTerminalState()) {
      job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS); // throws a failure
      throw new AssertionError("the job is " + status + " already");
    }
    return status == JobStatus.RUNNING;
  }

  /** Some task of the job spends time backpressured (waiting for its output to drain). */
  private static boolean backpressured(JobClient job) {
    return METRICS.findMetrics(job.getJobID(), "backPressuredTimeMsPerSecond").values().stream()
        .anyMatch(
            metric ->
                metric instanceof Gauge<?> gauge
                    && gauge.getValue() instanceof Number n
                    && n.longValue() > 0);
  }

  private static void awaitUntil(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + DEADLINE + " waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
