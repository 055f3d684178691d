package uk.ambulance.ops.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.sink.influx.InfluxApiVersion;
import uk.ambulance.ops.jobs.sink.influx.InfluxDbSink;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;

/**
 * Replay speed of the analytics job against the physical limit, side by side in one run: simulated
 * London days of all three feeds (CAD, AVL, hospital status) are published to a Kafka broker inside
 * this JVM ({@code KafkaClusterTestKit}); then
 *
 * <ol>
 *   <li>a plain Kafka consumer reads every record back and parses it with Jackson ({@code
 *       readTree}), and again with the project's validating parsers: the rate a job could reach if
 *       it did nothing else;
 *   <li>the whole job in {@code --replay} mode on a local Flink environment, checkpointing as the
 *       job does, writes into a real InfluxDB ({@code influxd}, started here);
 * </ol>
 *
 * and it prints the rates, their ratio, the points InfluxDB received per input record (from its own
 * {@code SHOW STATS}) and per measurement, with the load average (the machine may be shared).
 * {@code --sink count} replaces InfluxDB by a sink that only counts points, to see the sink's
 * share.
 *
 * <p>Not a test: run it on its own, from the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl events,generators,jobs -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test-classpath.txt) \
 *     uk.ambulance.ops.jobs.bench.ReplayBenchmark [--days 1] [--parallelism 1] [--partitions 4]
 *     [--seed 20260406] [--avl-interval-s 30] [--sink influx|count]
 * </pre>
 *
 * The records depend only on the settings and the seed; the wall times depend on the machine and on
 * what else runs on it.
 */
public final class ReplayBenchmark {
  private ReplayBenchmark() {}

  /** Points written, per measurement, by {@link CountingSink}; the environment runs in this JVM. */
  static final Map<String, LongAdder> POINTS = new ConcurrentHashMap<>();

  private static final String DATABASE = "replay_benchmark";
  private static final String USAGE =
      "usage: ReplayBenchmark [--days N] [--parallelism N] [--partitions N] [--seed N]"
          + " [--avl-interval-s N] [--sink influx|count]";

  public static void main(String[] args) throws Exception {
    int days = 1;
    int parallelism = 1;
    int partitions = 4;
    int avlIntervalS = 30;
    boolean influx = true;
    long seed = SimSettings.defaults().seed();
    try {
      for (int i = 0; i < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--days" -> days = Integer.parseInt(value);
          case "--parallelism" -> parallelism = Integer.parseInt(value);
          case "--partitions" -> partitions = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--avl-interval-s" -> avlIntervalS = Integer.parseInt(value);
          case "--sink" ->
              influx =
                  switch (value) {
                    case "influx" -> true;
                    case "count" -> false;
                    default -> throw new IllegalArgumentException(value);
                  };
          default -> throw new IllegalArgumentException(args[i]);
        }
      }
    } catch (RuntimeException e) {
      System.err.println(USAGE);
      System.exit(2);
    }

    System.out.printf(
        "replay benchmark: %d day(s), AVL every %d s, parallelism %d, %d partitions, seed %d,"
            + " %d cores, load %s%n",
        days,
        avlIntervalS,
        parallelism,
        partitions,
        seed,
        Runtime.getRuntime().availableProcessors(),
        loadAverage());

    long t0 = System.nanoTime();
    List<ProducerRecord<byte[], byte[]>> records =
        SimulatedFeeds.producerRecords(weekSettings(days, seed, avlIntervalS), SimulatedFeeds.ALL);
    Map<String, Long> perTopic = new TreeMap<>();
    records.forEach(r -> perTopic.merge(r.topic(), 1L, Long::sum));
    System.out.printf(
        "simulated:  %,d records %s in %.1f s%n", records.size(), perTopic, seconds(t0));

    InfluxDbServer influxd = influx ? new InfluxDbServer() : null;
    try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createContractTopics(partitions);
      long t1 = System.nanoTime();
      kafka.produce(records);
      System.out.printf(
          "published:  %,d records in %.1f s (%,.0f records/s)%n",
          records.size(), seconds(t1), records.size() / seconds(t1));

      BareRead jackson = BareRead.run(bootstrap, records.size(), BareRead.JACKSON);
      BareRead validating = BareRead.run(bootstrap, records.size(), BareRead.VALIDATING);
      System.out.printf(
          "bare read:  %,.0f records/s with Jackson readTree (%.1f µs CPU a record),"
              + " %,.0f records/s with the job's validating parsers (%.1f µs)%n",
          jackson.rate(),
          jackson.cpuMicrosPerRecord(),
          validating.rate(),
          validating.cpuMicrosPerRecord());

      if (influxd != null) {
        influxd.beforeAll(null);
        influxd.createDatabase(DATABASE);
      }
      String loadBefore = loadAverage();
      long cpu0 = processCpuNanos();
      long t2 = System.nanoTime();
      JobExecutionResult result;
      Map<String, Double> taskCpu;
      try (TaskCpu cpu = new TaskCpu()) {
        result = replay(bootstrap, parallelism, influxd);
        taskCpu = cpu.secondsPerTask();
      }
      double wall = seconds(t2);
      double cpuMicros = (processCpuNanos() - cpu0) / 1e3 / records.size();
      System.out.printf(
          "job:        %,d records in %.1f s wall (%.1f s net run time): %,.0f records/s,"
              + " %.1f µs CPU a record%n",
          records.size(), wall, result.getNetRuntime() / 1000.0, records.size() / wall, cpuMicros);
      System.out.printf(
          "ratio:      job / bare Jackson read %.2f, job / bare validating read %.2f%n",
          records.size() / wall / jackson.rate(), records.size() / wall / validating.rate());
      long points;
      if (influxd != null) {
        points = pointsReceived(influxd);
        System.out.printf(
            "points:     %,d received by InfluxDB, %.2f a record; stored %s%n",
            points, (double) points / records.size(), storedPerMeasurement(influxd));
      } else {
        points = POINTS.values().stream().mapToLong(LongAdder::sum).sum();
        Map<String, Long> byMeasurement = new TreeMap<>();
        POINTS.forEach((m, n) -> byMeasurement.put(m, n.sum()));
        Map<String, Long> repeats = new TreeMap<>();
        REPEATS.forEach((m, n) -> repeats.put(m, n.sum()));
        System.out.printf(
            "points:     %,d written, %.2f a record %s; repeating their series' previous %s%n",
            points, (double) points / records.size(), byMeasurement, repeats);
      }
      System.out.printf("load:       %s before the job, %s after%n", loadBefore, loadAverage());
      System.out.printf(
          "task CPU:   %.1f s in all; the busiest tasks:%n",
          taskCpu.values().stream().mapToDouble(Double::doubleValue).sum());
      taskCpu.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .limit(12)
          .forEach(e -> System.out.printf("  %6.1f s  %s%n", e.getValue(), e.getKey()));
    } finally {
      if (influxd != null) {
        influxd.afterAll(null);
      }
    }
  }

  /** Runs the job over the topics, to InfluxDB or (null) to a counting sink. */
  private static JobExecutionResult replay(
      String bootstrap, int parallelism, InfluxDbServer influxd) throws Exception {
    JobSettings settings =
        JobSettings.parse(
            "--bootstrap-servers",
            bootstrap,
            "--influx-url",
            influxd == null ? "http://unused" : influxd.url(),
            "--influx-database",
            DATABASE,
            "--replay");
    // As the deployments have it: checkpoints in files. (The default, in the JobManager's
    // memory, refuses a subtask's state over 5 MB.)
    Path checkpoints = Files.createTempDirectory("replay-benchmark-checkpoints");
    try {
      Configuration conf = new Configuration();
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
      env.enableCheckpointing(settings.checkpointInterval().toMillis());
      Sink<InfluxPoint> metrics =
          influxd == null
              ? new CountingSink()
              : InfluxDbSink.builder()
                  .setApiVersion(InfluxApiVersion.V1)
                  .setUrl(settings.influxUrl())
                  .setDatabase(settings.influxDatabase())
                  .build();
      OpsAnalyticsWorkflow.define(
          env,
          settings,
          KafkaEndpoints.inputs(settings),
          new OpsAnalyticsWorkflow.Outputs(metrics, KafkaEndpoints.deadLetterSink(settings)));
      return env.execute("replay-benchmark");
    } finally {
      // Quietly: the cluster may still be removing a subsumed checkpoint as the job returns.
      FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
    }
  }

  /** Points InfluxDB's write service received since it started ({@code SHOW STATS}). */
  private static long pointsReceived(InfluxDbServer influxd) throws Exception {
    JsonNode series = influxd.query("", "SHOW STATS FOR 'write'").at("/results/0/series/0");
    JsonNode columns = series.get("columns");
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).asText().equals("pointReq")) {
        return series.at("/values/0/" + i).asLong();
      }
    }
    throw new IllegalStateException("no pointReq in SHOW STATS: " + series);
  }

  /** Points stored per measurement (one field each counts its points). */
  private static Map<String, Long> storedPerMeasurement(InfluxDbServer influxd) throws Exception {
    Map<String, Long> stored = new TreeMap<>();
    for (JsonNode s :
        influxd.query(DATABASE, "SELECT count(*) FROM /.*/").at("/results/0/series")) {
      long most = 0;
      for (JsonNode v : s.at("/values/0")) {
        most = Math.max(most, v.isNumber() ? v.asLong() : 0);
      }
      stored.put(s.get("name").asText(), most);
    }
    return stored;
  }

  /**
   * Simulated London days from {@code seed}: vehicle positions every {@code avlIntervalS} seconds,
   * or none when it is 0 (the CAD feed alone is much faster to simulate).
   */
  static SimSettings weekSettings(int days, long seed, int avlIntervalS) {
    return SimSettings.defaults()
        .withDuration(Duration.ofDays(days))
        .withSeed(seed)
        .withFeeds(
            new SimSettings.Feeds(
                Duration.ofSeconds(Math.max(avlIntervalS, 1)),
                Duration.ofMinutes(15),
                avlIntervalS > 0));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Points that repeat their series' previous point (same fields, later time), per measurement. */
  static final Map<String, LongAdder> REPEATS = new ConcurrentHashMap<>();

  /** Counts points by measurement, and the repeats among them, and drops them. */
  static final class CountingSink implements Sink<InfluxPoint> {
    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
      Map<String, InfluxPoint> previous = new java.util.HashMap<>();
      return new SinkWriter<>() {
        @Override
        public void write(InfluxPoint point, Context context) {
          POINTS.computeIfAbsent(point.measurement(), m -> new LongAdder()).increment();
          InfluxPoint last = previous.put(point.measurement() + point.tags(), point);
          if (last != null
              && last.timeMillis() < point.timeMillis()
              && last.fields().equals(point.fields())) {
            REPEATS.computeIfAbsent(point.measurement(), m -> new LongAdder()).increment();
          }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  /** The 1, 5 and 15 minute load averages where the system tells them. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return String.format(
          "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
