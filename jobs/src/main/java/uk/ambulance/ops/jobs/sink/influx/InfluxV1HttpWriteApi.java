package uk.ambulance.ops.jobs.sink.influx;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * InfluxDB 1.x HTTP API: {@code POST /write} for data, {@code POST /query} for CREATE DATABASE.
 * Uses the JDK HTTP client so the job jar needs no InfluxDB client library.
 */
final class InfluxV1HttpWriteApi implements InfluxWriteApi {
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private final InfluxConnectionOptions options;
  private final ExecutorService executor;
  private final HttpClient http;
  private final URI writeUri;
  private final URI queryUri;
  private final String authorization;

  InfluxV1HttpWriteApi(InfluxConnectionOptions options) {
    this.options = options;
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    Duration connectTimeout =
        options.requestTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
            ? options.requestTimeout()
            : MAX_CONNECT_TIMEOUT;
    this.http =
        HttpClient.newBuilder()
            // InfluxDB 1.x speaks HTTP/1.1 only; skip the h2c upgrade dance.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .executor(executor)
            .build();
    String base = options.url().toString().replaceAll("/+$", "");
    String query = "db=" + encode(options.database()) + "&precision=ms";
    if (options.retentionPolicy() != null) {
      query += "&rp=" + encode(options.retentionPolicy());
    }
    this.writeUri = URI.create(base + "/write?" + query);
    this.queryUri = URI.create(base + "/query");
    // Basic auth rather than u=/p= query parameters: URLs end up in access logs, headers do not.
    InfluxCredentials credentials = options.credentials();
    this.authorization =
        credentials == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (credentials.username() + ":" + credentials.password())
                            .getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public CompletableFuture<Void> write(List<String> lines) {
    byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    return postWrite(body)
        .exceptionallyCompose(
            error -> {
              if (options.createDatabase()
                  && WriteErrorClassifier.unwrap(error) instanceof InfluxWriteException answer
                  && answer.isDatabaseNotFound()) {
                // Someone dropped the database while the job ran (or the open-time CREATE failed):
                // recreate it and write once more; a second failure is reported as is.
                return createDatabase().thenCompose(created -> postWrite(body));
              }
              return CompletableFuture.failedFuture(WriteErrorClassifier.unwrap(error));
            });
  }

  private CompletableFuture<Void> postWrite(byte[] body) {
    HttpRequest request =
        request(writeUri)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenCompose(response -> expectSuccess(response, "a write of", false));
  }

  @Override
  public CompletableFuture<Void> createDatabase() {
    String statement = "CREATE DATABASE \"" + escapeIdentifier(options.database()) + "\"";
    HttpRequest request =
        request(queryUri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(statement)))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenCompose(response -> expectSuccess(response, "CREATE DATABASE for", true));
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(options.requestTimeout());
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private CompletableFuture<Void> expectSuccess(
      HttpResponse<String> response, String action, boolean isQuery) {
    int status = response.statusCode();
    // /query reports statement errors inside a 200 answer.
    boolean ok = status / 100 == 2 && !(isQuery && response.body().contains("\"error\""));
    return ok
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(
            new InfluxWriteException(action, options, status, response.body()));
  }

  static String escapeIdentifier(String identifier) {
    return identifier.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static ThreadFactory daemonThreads() {
    int clientId = CLIENT_IDS.incrementAndGet();
    AtomicInteger threadIds = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "influx-http-" + clientId + "-" + threadIds.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
