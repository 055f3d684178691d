package uk.ambulance.ops.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real InfluxDB 1.x ({@code influxd}) for tests, on free loopback ports with data in a temporary
 * directory. Register with {@code @RegisterExtension static final InfluxDbServer INFLUX = new
 * InfluxDbServer();}. {@link #stop()} and {@link #start()} simulate an outage: the server comes
 * back on the same port with the same data.
 */
public final class InfluxDbServer implements BeforeAllCallback, AfterAllCallback {
  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private Path directory;
  private Path config;
  private Path log;
  private int httpPort;
  private Process process;
  private Thread shutdownHook;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String influxd = findInfluxd();
    directory = Files.createTempDirectory("influxdb-test-");
    httpPort = freePort();
    int rpcPort = freePort();
    while (rpcPort == httpPort) {
      rpcPort = freePort();
    }
    config = directory.resolve("influxdb.conf");
    log = directory.resolve("influxd.log");
    Files.writeString(config, configuration(directory, httpPort, rpcPort));
    shutdownHook = new Thread(this::kill, "influxd-shutdown-" + httpPort);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    startProcess(influxd);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    kill();
    if (shutdownHook != null) {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }
    deleteRecursively(directory);
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int port() {
    return httpPort;
  }

  /** Stops influxd (SIGTERM, then SIGKILL) and waits until it is gone. */
  public void stop() {
    kill();
  }

  /** Starts influxd again on the same port and data directory and waits until it answers. */
  public void start() throws Exception {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("influxd is already running");
    }
    startProcess(findInfluxd());
  }

  public void createDatabase(String database) throws IOException, InterruptedException {
    JsonNode answer = post("CREATE DATABASE \"" + database + "\"");
    if (answer.toString().contains("\"error\"")) {
      throw new IllegalStateException("CREATE DATABASE " + database + ": " + answer);
    }
  }

  /** Writes line-protocol lines (millisecond timestamps); returns the HTTP status. */
  public int write(String database, String... lines) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    url()
                        + "/write?precision=ms&db="
                        + URLEncoder.encode(database, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Runs InfluxQL against a database; times come back as epoch milliseconds. */
  public JsonNode query(String database, String influxQl) throws IOException, InterruptedException {
    String uri =
        url()
            + "/query?epoch=ms&db="
            + URLEncoder.encode(database, StandardCharsets.UTF_8)
            + "&q="
            + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("query " + influxQl + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  /** Databases on the server, from SHOW DATABASES. */
  public List<String> databases() throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    query("", "SHOW DATABASES")
        .at("/results/0/series/0/values")
        .forEach(row -> names.add(row.get(0).asText()));
    return names;
  }

  private JsonNode post(String influxQl) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + "/query"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(influxQl + " answered " + response.statusCode() + response.body());
    }
    return JSON.readTree(response.body());
  }

  private void startProcess(String influxd) throws Exception {
    process =
        new ProcessBuilder(influxd, "run", "-config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitPing();
  }

  private void awaitPing() throws Exception {
    long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create(url() + "/ping"))
            .timeout(Duration.ofSeconds(1))
            .GET()
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "influxd exited with " + process.exitValue() + " on start:\n" + logTail());
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Poll again below.
      }
      // Waits on the process rather than sleeping: returns early if influxd dies.
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
    kill();
    throw new IllegalStateException(
        "influxd did not answer /ping within " + STARTUP_DEADLINE + ":\n" + logTail());
  }

  private void kill() {
    Process running = process;
    if (running == null || !running.isAlive()) {
      return;
    }
    running.destroy();
    try {
      if (!running.waitFor(10, TimeUnit.SECONDS)) {
        running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no influxd log: " + e + ")";
    }
  }

  private static String findInfluxd() {
    return findInfluxd(System.getenv().getOrDefault("PATH", ""));
  }

  /** Visible for the test that a missing influxd fails (not skips) with an install hint. */
  public static String findInfluxd(String path) {
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "influxd");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        "influxd not found: install it with `sudo apt-get install -y influxdb` (Debian/Ubuntu)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String configuration(Path dir, int httpPort, int rpcPort) {
    return """
        reporting-enabled = false
        bind-address = "127.0.0.1:%d"
        [meta]
          dir = "%s"
        [data]
          dir = "%s"
          wal-dir = "%s"
          query-log-enabled = false
        [monitor]
          store-enabled = false
        [http]
          bind-address = "127.0.0.1:%d"
          auth-enabled = false
          log-enabled = false
        [continuous_queries]
          enabled = false
        """
        .formatted(rpcPort, dir.resolve("meta"), dir.resolve("data"), dir.resolve("wal"), httpPort);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
