package uk.ambulance.ops.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real local stack ({@code deploy/local/stack}: Kafka broker, InfluxDB, Flink JobManager and
 * TaskManager processes) in its own fresh {@code STACK_HOME} under {@code jobs/target}, on free
 * loopback ports, never the well-known ones another stack on the machine may use. The stacks of the
 * suite share one jar folder, so the ~90 MB of server jars are copied once.
 */
public final class LocalStack {
  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path SCRIPT = REPO.resolve("deploy/local/stack");
  private static final Path SHARED_LIB = REPO.resolve("jobs/target/stack-lib");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Map<String, String> env = new HashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A stack called {@code name} with {@code partitions} per input topic and extra job args. */
  public LocalStack(String name, int partitions, String jobArgs) throws IOException {
    requireProgram("influxd", "install it with `sudo apt-get install -y influxdb` (Debian/Ubuntu)");
    Path jobJar = REPO.resolve("jobs/target/jobs-0.1.0-SNAPSHOT-job.jar");
    assertThat(jobJar).as("the job jar (run through `mvnw verify`, which packages first)").exists();
    this.name = name;
    env.put("STACK_HOME", REPO.resolve("jobs/target/" + name).toString());
    env.put("STACK_LIB", SHARED_LIB.toString());
    List<Integer> ports = freePorts(8);
    env.put("KAFKA_PORT", ports.get(0).toString());
    env.put("KAFKA_CONTROLLER_PORT", ports.get(1).toString());
    env.put("INFLUX_PORT", ports.get(2).toString());
    env.put("INFLUX_RPC_PORT", ports.get(3).toString());
    env.put("FLINK_REST_PORT", ports.get(4).toString());
    env.put("FLINK_RPC_PORT", ports.get(5).toString());
    env.put("ALERTMANAGER_PORT", ports.get(6).toString());
    env.put("PAGER_PORT", ports.get(7).toString());
    env.put("TOPIC_PARTITIONS", Integer.toString(partitions));
    env.put("JOB_JAR", jobJar.toString());
    env.put("JOB_ARGS", jobArgs);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + env.get("KAFKA_PORT");
  }

  public String influxUrl() {
    return "http://127.0.0.1:" + env.get("INFLUX_PORT");
  }

  private String flinkRest() {
    return "http://127.0.0.1:" + env.get("FLINK_REST_PORT");
  }

  /**
   * Runs {@code deploy/local/stack COMMAND}, failing the test with its output if it fails; returns
   * its output (also kept in {@code jobs/target/<name>-<command>.log}).
   */
  public String run(String command) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = REPO.resolve("jobs/target/" + name + "-" + command + ".log");
    Files.createDirectories(log.getParent());
    pb.redirectOutput(log.toFile());
    Process process = pb.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("stack " + command + " did not finish in 10 minutes; see " + log);
    }
    String output = Files.readString(log);
    if (process.exitValue() != 0) {
      fail("stack " + command + " failed (exit " + process.exitValue() + "):\n" + output);
    }
    return output;
  }

  /** The running process of a component (kafka, influxdb, jobmanager, taskmanager). */
  public ProcessHandle process(String component) throws IOException {
    Path pidFile = Path.of(env.get("STACK_HOME"), "run", component + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .orElseThrow(() -> new IllegalStateException(component + " (pid " + pid + ") is not up"));
  }

  /** SIGKILL ({@code kill -9}) or SIGTERM to a component; returns once the process is gone. */
  public void stop(String component, boolean kill) throws Exception {
    ProcessHandle process = process(component);
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    process.onExit().get(60, TimeUnit.SECONDS);
  }

  /** The job that is not finished (its id), or null when there is none. */
  public String liveJobId() throws Exception {
    for (JsonNode job : rest("/jobs/overview").path("jobs")) {
      String state = job.path("state").asText();
      if (!List.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED").contains(state)) {
        return job.path("jid").asText();
      }
    }
    return null;
  }

  /** Id of the newest checkpoint the live job completed (-1 when none), as the REST API says. */
  public long latestCompletedCheckpoint() throws Exception {
    String jid = liveJobId();
    if (jid == null) {
      return -1;
    }
    JsonNode completed = rest("/jobs/" + jid + "/checkpoints").path("latest").path("completed");
    return completed.isMissingNode() || completed.isNull() ? -1 : completed.path("id").asLong();
  }

  /**
   * Waits until the live job has completed a checkpoint it had not completed before {@code after}
   * (an id of {@link #latestCompletedCheckpoint}; a restored job numbers on from its checkpoint).
   * Returns the seconds waited.
   */
  public double awaitCheckpointAfter(long after, Duration timeout) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (latestCompletedCheckpoint() > after) {
          return (System.nanoTime() - start) / 1e9;
        }
      } catch (IOException e) {
        // the REST API is not up yet: keep polling until the deadline
      }
      TimeUnit.MILLISECONDS.sleep(500); // polling interval, not synchronisation
    }
    return fail("no checkpoint after %d completed within %s", after, timeout);
  }

  private JsonNode rest(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(flinkRest() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("Flink REST " + path + ": " + response.statusCode());
    }
    return JSON.readTree(response.body());
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
