package uk.ambulance.ops.jobs.bench;

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
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;

/**
 * Replay throughput of the analytics job: a simulated London week of {@code cad.incidents} (the
 * only stream the job reads; vehicle positions and hospital status are not simulated), published to
 * a Kafka broker inside this JVM ({@code KafkaClusterTestKit}), then the whole job in {@code
 * --replay} mode on a local Flink environment, with checkpointing as the job has it, writing into a
 * sink that only counts points. Prints the events, the job's wall time, events per second and the
 * points written per measurement, with the load average (the machine may be shared).
 *
 * <p>Not a test: run it on its own, from the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl events,generators,jobs -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test-classpath.txt) \
 *     uk.ambulance.ops.jobs.bench.ReplayBenchmark [--days 7] [--parallelism 2] [--partitions 4]
 *     [--seed 20260406]
 * </pre>
 *
 * The events depend only on the settings and the seed. The points written vary a little from run to
 * run: a late correction rewrites the ticks it changes, and how late a change is depends on how the
 * readers' partitions interleave; the final figures do not vary. The wall time depends on the
 * machine and on what else runs on it.
 */
public final class ReplayBenchmark {
  private ReplayBenchmark() {}

  /** Points written, per measurement; the local environment runs in this JVM. */
  static final Map<String, LongAdder> POINTS = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    int days = 7;
    int parallelism = 2;
    int partitions = 4;
    long seed = SimSettings.defaults().seed();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--days" -> days = Integer.parseInt(value);
        case "--parallelism" -> parallelism = Integer.parseInt(value);
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default -> {
          System.err.println(
              "usage: ReplayBenchmark [--days N] [--parallelism N] [--partitions N] [--seed N]");
          System.exit(2);
        }
      }
      i++;
    }

    System.out.printf(
        "replay benchmark: %d days, parallelism %d, %d partitions, seed %d, %d cores, load %s%n",
        days,
        parallelism,
        partitions,
        seed,
        Runtime.getRuntime().availableProcessors(),
        loadAverage());

    long t0 = System.nanoTime();
    List<ProducerRecord<byte[], byte[]>> records = simulate(days, seed);
    System.out.printf(
        "simulated:  %,d cad.incidents records in %.1f s%n", records.size(), seconds(t0));

    try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createContractTopics(partitions);
      long t1 = System.nanoTime();
      kafka.produce(records);
      System.out.printf(
          "published:  %,d records in %.1f s (%,.0f records/s)%n",
          records.size(), seconds(t1), records.size() / seconds(t1));

      JobSettings settings =
          JobSettings.parse(
              "--bootstrap-servers", bootstrap, "--influx-url", "http://unused", "--replay");
      // As the deployments have it: checkpoints in files. (The default, in the JobManager's
      // memory, refuses a subtask's state over 5 MB, which a week's de-duplication state passes
      // at parallelism 1, and the job then restarts for ever.)
      Path checkpoints = Files.createTempDirectory("replay-benchmark-checkpoints");
      Configuration conf = new Configuration();
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
      env.enableCheckpointing(settings.checkpointInterval().toMillis());
      OpsAnalyticsWorkflow.define(
          env,
          settings,
          KafkaEndpoints.inputs(settings),
          new OpsAnalyticsWorkflow.Outputs(
              new CountingSink(), KafkaEndpoints.deadLetterSink(settings)));

      String loadBefore = loadAverage();
      long t2 = System.nanoTime();
      JobExecutionResult result = env.execute("replay-benchmark");
      double wall = seconds(t2);
      long points = POINTS.values().stream().mapToLong(LongAdder::sum).sum();
      Map<String, Long> byMeasurement = new TreeMap<>();
      POINTS.forEach((m, n) -> byMeasurement.put(m, n.sum()));
      System.out.printf(
          "job:        %,d events in %.1f s wall (%.1f s net run time)%n",
          records.size(), wall, result.getNetRuntime() / 1000.0);
      System.out.printf("throughput: %,.0f events/s%n", records.size() / wall);
      System.out.printf("points:     %,d written %s%n", points, byMeasurement);
      System.out.printf("load:       %s before the job, %s after%n", loadBefore, loadAverage());
      deleteRecursively(checkpoints);
    }
  }

  /** A London week as the simulator delivers it, {@code cad.incidents} only, in delivery order. */
  static List<ProducerRecord<byte[], byte[]>> simulate(int days, long seed) throws Exception {
    return simulate(weekSettings(days, seed));
  }

  /** The simulated days as {@link #simulate(int, long)} has them, to vary before simulating. */
  static SimSettings weekSettings(int days, long seed) {
    return SimSettings.defaults()
        .withDuration(Duration.ofDays(days))
        .withSeed(seed)
        .withFeeds(new SimSettings.Feeds(Duration.ofSeconds(30), Duration.ofMinutes(15), false));
  }

  /** {@code cad.incidents} of a simulation, in delivery order. */
  static List<ProducerRecord<byte[], byte[]>> simulate(SimSettings settings) throws Exception {
    return SimulatedFeeds.producerRecords(settings, SimulatedFeeds.CAD);
  }

  /** Counts points by measurement and drops them. */
  static final class CountingSink implements Sink<InfluxPoint> {
    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(InfluxPoint point, Context context) {
          POINTS.computeIfAbsent(point.measurement(), m -> new LongAdder()).increment();
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
