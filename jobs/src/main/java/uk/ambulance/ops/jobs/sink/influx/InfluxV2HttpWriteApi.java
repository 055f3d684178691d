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
 * InfluxDB 2.x API: {@code POST /api/v2/write?org=&bucket=&precision=ms} with {@code Authorization:
 * Token <token>}. InfluxDB 3.x and 1.8+ answer the same endpoint. Errors come back as JSON ({@code
 * {"code":"not found","message":"bucket \"x\" not found"}}), which the exception message carries as
 * is; {@link WriteErrorClassifier} decides from the status alone (401, 403, 404 fatal; 429 and 5xx
 * retried, after the server's {@code Retry-After} if it sent one).
 *
 * <p>The bucket is not created here: that takes the organisation's ID and a token with write access
 * to buckets, which a writer's token should not have. Deployments create it up front (see
 * deploy/docker-compose.yml).
 */
final class InfluxV2HttpWriteApi implements InfluxWriteApi {
  private final InfluxConnectionOptions options;
  private final ExecutorService executor;
  private final HttpClient http;
  private final URI writeUri;
  private final String authorization;

  InfluxV2HttpWriteApi(InfluxConnectionOptions options) {
    if (options.apiVersion() != InfluxApiVersion.V2) {
      throw new IllegalArgumentException("not v2 options: " + options);
    }
    this.options = options;
    this.executor = InfluxHttpSupport.executor();
    this.http = InfluxHttpSupport.client(options, executor);
    String base = options.url().toString().replaceAll("/+$", "");
    this.writeUri =
        URI.create(
            base
                + "/api/v2/write?org="
                + encode(options.organization())
                + "&bucket="
                + encode(options.database())
                + "&precision=ms");
    this.authorization = InfluxHttpSupport.authorization(options);
  }

  /** Visible for tests. */
  URI writeUri() {
    return writeUri;
  }

  @Override
  public CompletableFuture<Void> write(List<String> lines) {
    byte[] body = InfluxHttpSupport.body(lines);
    HttpRequest request =
        HttpRequest.newBuilder(writeUri)
            .timeout(options.requestTimeout())
            .header("Authorization", authorization)
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenCompose(this::expectSuccess);
  }

  private CompletableFuture<Void> expectSuccess(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status / 100 == 2) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.failedFuture(
        new InfluxWriteException(
            "a write of",
            options,
            status,
            response.body(),
            InfluxHttpSupport.retryAfter(response)));
  }

  /** Buckets are created by the deployment, not the writer: nothing to do. */
  @Override
  public CompletableFuture<Void> createDatabase() {
    return CompletableFuture.completedFuture(null);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
