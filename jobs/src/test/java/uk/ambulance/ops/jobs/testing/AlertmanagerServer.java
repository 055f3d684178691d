package uk.ambulance.ops.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager ({@code prometheus-alertmanager}, Debian's package; {@code
 * .ci/run} installs it) on a free loopback port, with the shipped {@code
 * deploy/alertmanager/alertmanager.yml} pointed at a test's webhook and with short group timings.
 * Outside CI, a machine without the binary skips the test with a message saying how to install it.
 */
public final class AlertmanagerServer implements AutoCloseable {
  private static final String BINARY = "prometheus-alertmanager";
  private static final Path SHIPPED_CONFIG =
      Path.of("..", "deploy", "alertmanager", "alertmanager.yml");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path directory;
  private final int port;
  private final Process process;

  public AlertmanagerServer(String webhookUrl) throws Exception {
    String binary = find();
    directory = Files.createTempDirectory("alertmanager-test-");
    String config =
        Files.readString(SHIPPED_CONFIG)
            .replace("WEBHOOK_URL", webhookUrl)
            .replaceAll("group_wait: \\S+", "group_wait: 1s")
            .replaceAll("group_interval: \\S+", "group_interval: 2s");
    Path file = directory.resolve("alertmanager.yml");
    Files.writeString(file, config);
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    process =
        new ProcessBuilder(
                binary,
                "--config.file=" + file,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--web.external-url=" + url())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("alertmanager.log").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException(
            "Alertmanager did not get ready: "
                + Files.readString(directory.resolve("alertmanager.log")));
      }
      Thread.sleep(50);
    }
  }

  /** The binary, or a skipped test when it is missing here and this is not CI. */
  private static String find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, BINARY))) {
        return Path.of(dir, BINARY).toString();
      }
    }
    String how = "apt-get install -y --no-install-recommends prometheus-alertmanager";
    if (System.getenv("CI") != null) {
      throw new IllegalStateException(
          BINARY + " is missing on CI; .ci/run installs it (" + how + ")");
    }
    Assumptions.abort(BINARY + " is not installed; install it with: " + how);
    return null;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  private boolean ready() {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code GET /api/v2/alerts?active=true}: the alerts Alertmanager holds as active now. */
  public JsonNode activeAlerts() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v2/alerts?active=true&silenced=true&inhibited=true").body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
