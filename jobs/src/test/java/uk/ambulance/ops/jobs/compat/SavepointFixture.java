package uk.ambulance.ops.jobs.compat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;

/**
 * Makes a savepoint fixture with the job as it is in the working tree: publishes the first half of
 * {@link CompatibilityInput.Scenario#LONDON_EVENING} to a Kafka broker in this JVM, runs the job
 * live (real InfluxDB and dead-letter sinks) until its sources have checkpointed every record of
 * that half, stops it with a savepoint (canonical format, no drain: windows, timers and open
 * incidents stay in state) and writes the savepoint, the input and its ground truth into {@code
 * jobs/src/test/resources/compat/NAME/}. {@link SavepointCompatibilityTest} then restores every
 * fixture into the code as it is at test time.
 *
 * <p>Run it from the repository root, on a commit whose job code is committed (it refuses a working
 * tree whose {@code events/src/main} or {@code jobs/src/main} differ from HEAD):
 *
 * <pre>
 * mvn -B -o -q -pl events,generators,jobs -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test-classpath.txt) \
 *     uk.ambulance.ops.jobs.compat.SavepointFixture
 * </pre>
 *
 * It needs {@code influxd} on the PATH, as the tests do.
 */
public final class SavepointFixture {
  /** Where the first half ends: before London midnight, so the day's final figure comes later. */
  static final Instant SPLIT = Instant.parse("2026-04-30T22:20:00Z");

  private static final Path ROOT = Path.of("jobs/src/test/resources", Fixture.ROOT);
  private static final Duration DEADLINE = Duration.ofMinutes(10);

  private SavepointFixture() {}

  public static void main(String[] args) throws Exception {
    if (!Files.isDirectory(ROOT.getParent())) {
      fail("run from the repository root (no " + ROOT.getParent() + " here)");
    }
    String commit = git("rev-parse", "--short=7", "HEAD").trim();
    String changed = git("status", "--porcelain", "--", "events/src/main", "jobs/src/main");
    if (!changed.isBlank()) {
      fail("the job's code differs from " + commit + "; commit it first:\n" + changed);
    }
    String name = args.length > 0 ? args[0] : "main-" + commit;
    Path directory = ROOT.resolve(name);
    if (Files.exists(directory)) {
      fail(directory + " exists already: a fixture is never rewritten, make a new one");
    }

    CompatibilityInput.Scenario scenario = CompatibilityInput.Scenario.LONDON_EVENING;
    CompatibilityInput input = CompatibilityInput.simulate(scenario);
    int firstHalf = input.sentBefore(SPLIT);
    List<ProducerRecord<byte[], byte[]>> first = input.records().subList(0, firstHalf);
    System.out.printf(
        "fixture %s: %d records, the first %d before %s%n",
        name, input.records().size(), firstHalf, SPLIT);

    Path scratch = Files.createTempDirectory("savepoint-fixture-");
    InfluxDbServer influx = new InfluxDbServer();
    try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
      influx.beforeAll(null);
      createTopics(kafka);
      kafka.produce(first);
      JobSettings settings =
          CompatibilityJob.settings(kafka.bootstrapServers(), influx.url(), "ops");
      JobClient job = CompatibilityJob.start(settings, new Configuration());
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (!CompatibilityJob.consumedUpTo(
          kafka.bootstrapServers(), settings.consumerGroup(), input.endOffsets(firstHalf))) {
        JobStatus status = job.getJobStatus().get();
        if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
          fail("the job did not read the first half (" + status + ")");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
      String savepoint =
          job.stopWithSavepoint(false, scratch.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      System.out.println("savepoint " + savepoint);
      copy(Path.of(java.net.URI.create(savepoint)), directory.resolve(Fixture.SAVEPOINT));
    } finally {
      influx.afterAll(null);
    }
    input.write(directory);
    Map<String, Long> stateBytes = stateBytesByOperator(directory.resolve(Fixture.SAVEPOINT));
    writeProperties(directory, commit, scenario, input, firstHalf);
    writeReadme(directory, name, commit, scenario, input, firstHalf, stateBytes);
    System.out.printf("written %s (%s)%n", directory, sizes(directory));
    System.exit(0); // the broker's and Flink's threads would keep the JVM up
  }

  private static void createTopics(EmbeddedKafka kafka) throws Exception {
    Map<String, Integer> partitions = new HashMap<>();
    CompatibilityInput.INPUT_TOPICS.forEach(t -> partitions.put(t, CompatibilityInput.PARTITIONS));
    partitions.put(Topics.OPS_DEADLETTER, 1);
    kafka.createTopics(partitions);
  }

  /** Bytes of state per operator uid, as the savepoint's metadata records them. */
  static Map<String, Long> stateBytesByOperator(Path savepoint) throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    for (OperatorState state : operators(savepoint)) {
      bytes.merge(uidOf(state), state.getStateSize(), Long::sum);
    }
    return bytes;
  }

  /** Operator ids (as Flink's errors name them) to uids, as the savepoint records them. */
  static Map<String, String> uidsById(Path savepoint) throws IOException {
    Map<String, String> uids = new TreeMap<>();
    for (OperatorState state : operators(savepoint)) {
      uids.put(state.getOperatorID().toHexString(), uidOf(state));
    }
    return uids;
  }

  private static String uidOf(OperatorState state) {
    return state
        .getOperatorUid()
        .or(state::getOperatorName)
        .orElse(state.getOperatorID().toHexString());
  }

  private static java.util.Collection<OperatorState> operators(Path savepoint) throws IOException {
    try (InputStream in = Files.newInputStream(savepoint.resolve("_metadata"))) {
      CheckpointMetadata metadata =
          Checkpoints.loadCheckpointMetadata(
              new DataInputStream(in),
              SavepointFixture.class.getClassLoader(),
              savepoint.toUri().toString());
      return metadata.getOperatorStates();
    }
  }

  private static void writeProperties(
      Path directory,
      String commit,
      CompatibilityInput.Scenario scenario,
      CompatibilityInput input,
      int firstHalf)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("commit", commit);
    p.setProperty("made", Instant.now().toString());
    p.setProperty("flink.version", EnvironmentInformation.getVersion());
    p.setProperty("parallelism", Integer.toString(CompatibilityJob.PARALLELISM));
    p.setProperty("partitions", Integer.toString(CompatibilityInput.PARTITIONS));
    p.setProperty("scenario.start", scenario.start().toString());
    p.setProperty("scenario.duration", scenario.duration().toString());
    p.setProperty("scenario.seed", Long.toString(scenario.seed()));
    p.setProperty("scenario.avl-interval", scenario.avlInterval().toString());
    p.setProperty("split", SPLIT.toString());
    p.setProperty("records", Integer.toString(input.records().size()));
    p.setProperty("records.first-half", Integer.toString(firstHalf));
    // Calls stop here and incidents keep closing for an hour or more, so every partition's
    // watermark passes it once the whole input has been read.
    p.setProperty("check.until", scenario.start().plus(scenario.duration()).toString());
    try (Writer out = Files.newBufferedWriter(directory.resolve(Fixture.PROPERTIES))) {
      p.store(out, "savepoint fixture: what made it (see README.md)");
    }
  }

  private static void writeReadme(
      Path directory,
      String name,
      String commit,
      CompatibilityInput.Scenario scenario,
      CompatibilityInput input,
      int firstHalf,
      Map<String, Long> stateBytes)
      throws IOException {
    Map<String, Integer> byTopic = new TreeMap<>();
    Map<String, Integer> firstByTopic = new TreeMap<>();
    for (int i = 0; i < input.records().size(); i++) {
      String topic = input.records().get(i).topic();
      byTopic.merge(topic, 1, Integer::sum);
      if (i < firstHalf) {
        firstByTopic.merge(topic, 1, Integer::sum);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("# Savepoint fixture `" + name + "`");
    lines.add("");
    lines.add(
        "Taken by the job at commit `"
            + commit
            + "` (Flink "
            + EnvironmentInformation.getVersion()
            + ", parallelism "
            + CompatibilityJob.PARALLELISM
            + ", HashMap state backend, canonical savepoint format) with"
            + " `uk.ambulance.ops.jobs.compat.SavepointFixture`. Never edit or rewrite it: it"
            + " stands for the state that commit's job leaves behind.");
    lines.add("");
    lines.add(
        "Input (`" + CompatibilityInput.RECORDS_FILE + "`, in publishing order, one record a");
    lines.add("line: topic, partition, key, `j` and the value, or `b` and its Base64):");
    lines.add("");
    lines.add(
        "- the simulator (`SimSettings.defaults()`, seed "
            + scenario.seed()
            + "): calls from "
            + scenario.start()
            + " for "
            + scenario.duration()
            + ", then until every incident has closed; vehicle positions every "
            + scenario.avlInterval()
            + "; delivered with 0.2% malformed, 1% repeated and 2% late (up to 2 min) records;");
    lines.add(
        "- "
            + CompatibilityInput.PARTITIONS
            + " partitions for each input topic, a record's partition fixed by murmur2 of its key;");
    lines.add("- " + input.records().size() + " records " + byTopic + ";");
    lines.add(
        "- the savepoint holds the first "
            + firstHalf
            + " "
            + firstByTopic
            + ", all sent before "
            + SPLIT
            + " (London midnight, the day's and month's end, comes after);");
    lines.add(
        "- `"
            + CompatibilityInput.TRUTH_FILE
            + "`: the simulator's ground truth, one incident a line.");
    lines.add("");
    lines.add(
        "How fixtures are made, and the rule they enforce: [../README.md](../README.md). To make"
            + " this one again, run the generator on a checkout of `"
            + commit
            + "` (a new fixture is made instead: a fixture is never rewritten).");
    lines.add("");
    lines.add("State in the savepoint, bytes per operator uid:");
    lines.add("");
    lines.add("| operator | bytes |");
    lines.add("|---|---|");
    stateBytes.forEach((operator, bytes) -> lines.add("| `" + operator + "` | " + bytes + " |"));
    Files.write(directory.resolve("README.md"), lines, StandardCharsets.UTF_8);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static String sizes(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      return bytes / 1024 + " KiB";
    }
  }

  private static String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      fail("git " + String.join(" ", args) + ": " + out.trim());
    }
    return out;
  }

  private static void fail(String message) {
    System.err.println("SavepointFixture: " + message);
    System.exit(2);
  }
}
