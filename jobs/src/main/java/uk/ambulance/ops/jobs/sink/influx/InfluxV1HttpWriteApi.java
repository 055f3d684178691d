package uk.ambulance.ops.jobs.sink.influx;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * InfluxDB 1.x HTTP API: {@code POST /write} for data, {@code POST /query} for CREATE DATABASE.
 * Uses the JDK HTTP client so the job jar needs no InfluxDB client library. Also the way to write
 * to InfluxDB 2.x/3.x through their v1 compatibility endpoint (with a token, database = DBRP
 * mapping).
 */
final class InfluxV1HttpWriteApi implements InfluxWriteApi {
  private final InfluxConnectionOptions options;
  private final ExecutorService executor;
  private final HttpClient http;
  private final URI writeUri;
  private final URI queryUri;
  private final String authorization;

  InfluxV1HttpWriteApi(InfluxConnectionOptions options) {
    this.options = options;
    this.executor = InfluxHttpSupport.executor();
    this.http = InfluxHttpSupport.client(options, executor);
    String base = options.url().toString().replaceAll("/+$", "");
    String query = "db=" + encode(options.database()) + "&precision=ms";
    if (options.retentionPolicy() != null) {
      query += "&rp=" + encode(options.retentionPolicy());
    }
    this.writeUri = URI.create(base + "/write?" + query);
    this.queryUri = URI.create(base + "/query");
    this.authorization = InfluxHttpSupport.authorization(options);
  }

  @Override
  public CompletableFuture<Void> write(List<String> lines) {
    byte[] body = InfluxHttpSupport.body(lines);
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
            new InfluxWriteException(
                action, options, status, response.body(), InfluxHttpSupport.retryAfter(response)));
  }

  static String escapeIdentifier(String identifier) {
    return identifier.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
