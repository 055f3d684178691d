package uk.ambulance.ops.jobs.bench;

import com.google.common.hash.Hashing;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;

/**
 * The job's state while replaying 1, 2, 3... simulated London days (all three feeds): each run
 * replays its days through the whole job in {@code --replay} with checkpoints in files every
 * second, and prints the largest checkpoint (the most state the job held at once) and the one taken
 * when about nine tenths of the run had passed. Event-time memories (de-duplication, windows,
 * incidents, vehicles) keep both flat: what a day holds, however many days went before. (The last
 * checkpoints, after the input ended, hold almost nothing: the end of input fires every timer.)
 *
 * <p>Not a test: run it on its own, from the repository root (see {@link ReplayBenchmark} for the
 * classpath):
 *
 * <pre>
 * java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test-classpath.txt) \
 *     uk.ambulance.ops.jobs.bench.StateSizeBenchmark [--days 1,2,3] [--avl-interval-s 30]
 * </pre>
 */
public final class StateSizeBenchmark {
  private StateSizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> dayCounts = List.of(1, 2, 3);
    int avlIntervalS = 30;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--days" ->
            dayCounts = Stream.of(args[i + 1].split(",")).map(Integer::valueOf).toList();
        case "--avl-interval-s" -> avlIntervalS = Integer.parseInt(args[i + 1]);
        default -> {
          System.err.println("usage: StateSizeBenchmark [--days 1,2,3] [--avl-interval-s N]");
          System.exit(2);
        }
      }
    }
    System.out.printf(
        "state size benchmark: AVL every %d s, %d cores, load %s%n",
        avlIntervalS, Runtime.getRuntime().availableProcessors(), ReplayBenchmark.loadAverage());
    for (int days : dayCounts) {
      List<ProducerRecord<byte[], byte[]>> records = simulate(days, avlIntervalS);
      try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
        kafka.createContractTopics(4);
        kafka.produce(records);
        List<Checkpoint> sizes = replay(kafka.bootstrapServers());
        Checkpoint largest =
            sizes.stream()
                .max(java.util.Comparator.comparingLong(Checkpoint::bytes))
                .orElse(new Checkpoint(0, 0, Map.of()));
        System.out.printf(
            "%d day(s): %,d records, %d checkpoints, largest %.2f MB (%s), load %s%n",
            days,
            records.size(),
            sizes.size(),
            largest.bytes() / 1e6,
            largest.byOperator().entrySet().stream()
                .filter(e -> e.getValue() > 20_000)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / 1e6))
                .collect(java.util.stream.Collectors.joining(", ")),
            ReplayBenchmark.loadAverage());
      }
    }
  }

  static List<ProducerRecord<byte[], byte[]>> simulate(int days, int avlIntervalS)
      throws Exception {
    SimSettings settings =
        SimSettings.defaults()
            .withDuration(Duration.ofDays(days))
            .withFeeds(
                new SimSettings.Feeds(
                    Duration.ofSeconds(avlIntervalS), Duration.ofMinutes(15), true));
    return SimulatedFeeds.producerRecords(settings, SimulatedFeeds.ALL);
  }

  /** Replays the topics; each checkpoint completed while the job ran, in order. */
  static List<Checkpoint> replay(String bootstrap) throws Exception {
    JobSettings settings =
        JobSettings.parse(
            "--bootstrap-servers", bootstrap, "--influx-url", "http://unused", "--replay");
    Path checkpoints = Files.createTempDirectory("state-size-checkpoints");
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    env.enableCheckpointing(1000);
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        KafkaEndpoints.inputs(settings),
        new OpsAnalyticsWorkflow.Outputs(
            new ReplayBenchmark.CountingSink(), KafkaEndpoints.deadLetterSink(settings)));
    Map<OperatorID, String> uids = new HashMap<>();
    for (StreamNode node : env.getStreamGraph(false).getStreamNodes()) {
      String uid = node.getTransformationUID();
      if (uid != null) {
        // How Flink derives an operator's id from its uid (StreamGraphHasherV2).
        uids.put(
            new OperatorID(
                Hashing.murmur3_128(0).hashString(uid, StandardCharsets.UTF_8).asBytes()),
            uid);
      }
    }
    Map<Integer, Checkpoint> sizes = new java.util.concurrent.ConcurrentSkipListMap<>();
    Thread watcher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                latestCompleted(checkpoints, uids).ifPresent(c -> sizes.putIfAbsent(c.number(), c));
                try {
                  Thread.sleep(200); // sampling the directory, not synchronising
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    watcher.setDaemon(true);
    watcher.start();
    env.execute("state-size");
    watcher.interrupt();
    watcher.join();
    try (var paths = Files.walk(checkpoints)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return new ArrayList<>(sizes.values());
  }

  /** A checkpoint's files, and the state size of each operator by uid. */
  record Checkpoint(int number, long bytes, Map<String, Long> byOperator) {}

  /** The newest checkpoint whose metadata is written, if any. */
  private static Optional<Checkpoint> latestCompleted(Path root, Map<OperatorID, String> uids) {
    try (var paths = Files.walk(root)) {
      Optional<Path> newest =
          paths
              .filter(p -> p.getFileName().toString().equals("_metadata"))
              .map(Path::getParent)
              .max(
                  java.util.Comparator.comparingInt(
                      p -> Integer.parseInt(p.getFileName().toString().substring(4))));
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Long> byOperator = new TreeMap<>();
      try (var in = new DataInputStream(Files.newInputStream(newest.get().resolve("_metadata")))) {
        CheckpointMetadata metadata =
            Checkpoints.loadCheckpointMetadata(
                in, StateSizeBenchmark.class.getClassLoader(), newest.get().toString());
        for (OperatorState op : metadata.getOperatorStates()) {
          if (op.getStateSize() > 0) {
            byOperator.put(
                uids.getOrDefault(op.getOperatorID(), op.getOperatorID().toString()),
                op.getStateSize());
          }
        }
      }
      try (var files = Files.walk(newest.get())) {
        long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        return Optional.of(
            new Checkpoint(
                Integer.parseInt(newest.get().getFileName().toString().substring(4)),
                bytes,
                byOperator));
      }
    } catch (Exception e) {
      return Optional.empty(); // a checkpoint being written or deleted: sample again
    }
  }
}
