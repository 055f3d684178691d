package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;

/** The sink in real Flink jobs (MiniCluster) against a real influxd. */
// A sink that retries what it should fail on would hang a test rather than fail it.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ClusterTest
class InfluxDbSinkTest {
  private static final int SERIES = 7;
  private static final long BASE_TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final String SECRET = "never-log-Me-42";
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  @Order(1)
  static final InfluxDbServer INFLUX = new InfluxDbServer();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(METRICS.addToConfiguration(new Configuration()))
              .build());

  @Test
  void everyPointOfEverySeriesArrives() throws Exception {
    int count = 20_000;
    StreamExecutionEnvironment env = environment(2);
    points(env, count).sinkTo(sink("all_points").build());
    env.execute("all points");

    assertThat(seriesTotals("all_points")).isEqualTo(expectedTotals(count));
  }

  @Test
  void replayingTheSamePointsLeavesTheSameContents() throws Exception {
    int count = 3_000;
    for (int run = 0; run < 2; run++) {
      StreamExecutionEnvironment env = environment(2);
      points(env, count).sinkTo(sink("replayed").build());
      env.execute("replay " + run);

      assertThat(seriesTotals("replayed")).as("after run %d", run).isEqualTo(expectedTotals(count));
    }
  }

  @Test
  void createsTheDatabaseWhenItIsMissing() throws Exception {
    assertThat(INFLUX.databases()).doesNotContain("created_by_sink");
    StreamExecutionEnvironment env = environment(1);
    points(env, 100).sinkTo(sink("created_by_sink").build());
    env.execute("create database");

    assertThat(INFLUX.databases()).contains("created_by_sink");
    assertThat(seriesTotals("created_by_sink")).isEqualTo(expectedTotals(100));
  }

  @Test
  void missingDatabaseFailsTheJobWhenCreationIsOff() {
    StreamExecutionEnvironment env = environment(1);
    points(env, 10).sinkTo(sink("never_created").setCreateDatabase(false).build());

    assertThatThrownBy(() -> env.execute("no database"))
        .hasStackTraceContaining("HTTP 404")
        .hasStackTraceContaining("database not found")
        .hasStackTraceContaining("\"never_created\"");
  }

  @Test
  void fieldTypeConflictFailsTheJobWithInfluxAnswerAndWithoutThePassword() throws Exception {
    INFLUX.createDatabase("conflict");
    assertThat(INFLUX.write("conflict", "typed x=1i " + BASE_TIME)).isEqualTo(204);
    StreamExecutionEnvironment env = environment(1);
    env.fromSequence(1, 10)
        .map(i -> InfluxPoint.builder("typed", BASE_TIME + i).field("x", "text " + i).build())
        .returns(TypeInformation.of(InfluxPoint.class))
        .sinkTo(sink("conflict").setCredentials("ops", SECRET).build());

    assertThatThrownBy(() -> env.execute("conflict"))
        .hasStackTraceContaining("HTTP 400")
        .hasStackTraceContaining("field type conflict")
        .hasStackTraceContaining("database \"conflict\"")
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
  }

  @Test
  void anOutageLosesNothing() throws Exception {
    int count = 5_000;
    INFLUX.createDatabase("outage");
    INFLUX.stop();
    JobClient job;
    try {
      StreamExecutionEnvironment env = environment(1);
      points(env, count).sinkTo(sink("outage").setMaxBatchSize(500).build());
      job = env.executeAsync("outage");
      JobClient running = job;
      // The sink has tried, failed and scheduled retries: the job is waiting, not failing.
      awaitUntil("the sink retried a write", () -> retriedWrites(running) >= 2);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      INFLUX.start();
    }
    job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

    assertThat(retriedWrites(job)).isGreaterThanOrEqualTo(2);
    assertThat(seriesTotals("outage")).isEqualTo(expectedTotals(count));
  }

  @Test
  void aCheckpointWritesWhatIsBuffered() throws Exception {
    int count = 1_000;
    StreamExecutionEnvironment env = environment(1);
    env.enableCheckpointing(200);
    // Unbounded: after the points it keeps producing numbers that are filtered out, so the job
    // runs until cancelled and only a checkpoint can flush the sink.
    env.fromSource(
            new DataGeneratorSource<>(
                i -> i, Long.MAX_VALUE, RateLimiterStrategy.perSecond(2_000), Types.LONG),
            org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(),
            "numbers")
        .filter(i -> i < count)
        .map(InfluxDbSinkTest::point)
        .returns(TypeInformation.of(InfluxPoint.class))
        .sinkTo(
            sink("checkpointed")
                // Size and time triggers that can never fire during the test.
                .setMaxBatchSize(1_000_000)
                .setMaxBufferedRequests(2_000_000)
                .setMaxBatchSizeInBytes(512L * 1024 * 1024)
                .setMaxTimeInBufferMS(Duration.ofHours(1).toMillis())
                .build());
    JobClient job = env.executeAsync("checkpoint flush");
    try {
      awaitUntil(
          "all points written by checkpoints",
          () -> expectedTotals(count).equals(seriesTotals("checkpointed")));
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
    }
  }

  private static InfluxDbSinkBuilder sink(String database) {
    return InfluxDbSink.builder()
        .setUrl(INFLUX.url())
        .setDatabase(database)
        .setRequestTimeout(Duration.ofSeconds(5))
        .setMaxTimeInBufferMS(100);
  }

  private static StreamExecutionEnvironment environment(int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration conf = new Configuration();
    // A failure must fail the test's job, not restart it.
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    env.configure(conf);
    env.setParallelism(parallelism);
    return env;
  }

  private static DataStream<InfluxPoint> points(StreamExecutionEnvironment env, long count) {
    return env.fromSequence(0, count - 1)
        .map(InfluxDbSinkTest::point)
        .returns(TypeInformation.of(InfluxPoint.class));
  }

  /** Point i: series i % SERIES, unique time, an integer and a float field derived from i. */
  static InfluxPoint point(long i) {
    return InfluxPoint.builder("handover", BASE_TIME + i)
        .tag("hospital", "H" + (i % SERIES))
        .field("minutes", i % 97)
        .field("delay", (i % 13) * 0.5)
        .build();
  }

  /** What InfluxDB must hold per hospital: count, sum(minutes), sum(delay). */
  private static Map<String, Totals> expectedTotals(long count) {
    Map<String, Totals> totals = new TreeMap<>();
    for (long i = 0; i < count; i++) {
      totals.merge("H" + (i % SERIES), new Totals(1, i % 97, (i % 13) * 0.5), Totals::plus);
    }
    return totals;
  }

  private static Map<String, Totals> seriesTotals(String database) throws Exception {
    JsonNode result =
        INFLUX.query(
            database,
            "SELECT count(minutes), sum(minutes), sum(delay) FROM handover GROUP BY hospital");
    Map<String, Totals> totals = new TreeMap<>();
    for (JsonNode series : result.at("/results/0/series")) {
      JsonNode row = series.at("/values/0");
      totals.put(
          series.at("/tags/hospital").asText(),
          new Totals(row.get(1).asLong(), row.get(2).asLong(), row.get(3).asDouble()));
    }
    return totals;
  }

  /** Sums of multiples of 0.5 are exact in binary, so equality is safe for the float sum. */
  record Totals(long count, long minutes, double delay) {
    Totals plus(Totals other) {
      return new Totals(count + other.count, minutes + other.minutes, delay + other.delay);
    }
  }

  private static long retriedWrites(JobClient job) {
    return METRICS
        .findMetrics(job.getJobID(), InfluxDbSinkWriter.RETRIED_WRITES_METRIC)
        .values()
        .stream()
        .mapToLong(metric -> ((Counter) metric).getCount())
        .sum();
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

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
