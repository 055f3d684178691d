package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The v2 request as InfluxDB 2.x expects it, and how its answers are classified, against an in-JVM
 * HTTP server that answers the way InfluxDB 2.7 does. A stand-in for the request and response shape
 * only; InfluxDbV2ContainerTest writes to a real InfluxDB 2.x where Docker exists.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class InfluxV2HttpWriteApiTest {
  private static final String TOKEN = "tok-3n8Xq_secret==";

  private HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Answer answer = new Answer(204, "", null);

  record Recorded(
      String method,
      String path,
      String query,
      String authorization,
      String contentType,
      String body) {}

  record Answer(int status, String body, String retryAfter) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(
        new Recorded(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    Answer a = answer;
    if (a.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
    }
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    if (body.length > 0) {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    }
    exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static InfluxConnectionOptions options(String url, String org, String bucket) {
    return new InfluxConnectionOptions(
        InfluxApiVersion.V2,
        URI.create(url),
        bucket,
        null,
        org,
        null,
        new InfluxToken(TOKEN),
        Duration.ofSeconds(5),
        true);
  }

  @Test
  void writesLinesToApiV2WriteWithOrgBucketMillisecondsAndTheTokenHeader() {
    try (InfluxWriteApi api = InfluxWriteApi.create(options(url(), "London Ambulance", "ops/rt"))) {
      assertThat(api).isInstanceOf(InfluxV2HttpWriteApi.class);
      api.write(List.of("m,a=1 x=1i 1000", "m,a=2 x=2i 2000")).join();
    }

    assertThat(requests).hasSize(1);
    Recorded r = requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/v2/write");
    // Names are URL-encoded: a space and a slash must not break the query.
    assertThat(r.query()).isEqualTo("org=London+Ambulance&bucket=ops%2Frt&precision=ms");
    assertThat(r.authorization()).isEqualTo("Token " + TOKEN);
    assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.body()).isEqualTo("m,a=1 x=1i 1000\nm,a=2 x=2i 2000\n");
  }

  @Test
  void theV2ApiNeverCreatesABucketAndNeverCallsTheV1Endpoints() {
    InfluxConnectionOptions options = options(url(), "las", "ops");
    assertThat(options.createDatabase()).isFalse();
    try (InfluxWriteApi api = InfluxWriteApi.create(options)) {
      api.createDatabase().join();
      api.write(List.of("m x=1i 1")).join();
    }
    assertThat(requests).extracting(Recorded::path).containsExactly("/api/v2/write");
  }

  @ParameterizedTest(name = "HTTP {0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "401|{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}|FAIL",
        "403|{\"code\":\"forbidden\",\"message\":\"insufficient permissions for write\"}|FAIL",
        "404|{\"code\":\"not found\",\"message\":\"bucket \\\"ops\\\" not found\"}|FAIL",
        "400|{\"code\":\"invalid\",\"message\":\"unable to parse 'm x=': missing field value\"}|FAIL",
        "413|{\"code\":\"request too large\",\"message\":\"unable to read data: points batch is too large\"}|FAIL",
        "422|{\"code\":\"unprocessable entity\",\"message\":\"failure writing points: partial write\"}|FAIL",
        "429|{\"code\":\"too many requests\",\"message\":\"org exceeded write limit\"}|RETRY",
        "500|{\"code\":\"internal error\",\"message\":\"engine: timeout\"}|RETRY",
        "503|{\"code\":\"unavailable\",\"message\":\"service unavailable\"}|RETRY",
      })
  void errorAnswersAreClassifiedAndReportedWithInfluxMessageButNeverTheToken(
      int status, String body, WriteErrorClassifier.Verdict verdict) {
    // Some proxies echo the request's headers in their errors; the token must still not leak.
    answer = new Answer(status, body.replace("}", ",\"echo\":\"Token " + TOKEN + "\"}"), null);

    Throwable error = writeAndCatch(options(url(), "las", "ops"));

    assertThat(WriteErrorClassifier.classify(error)).isEqualTo(verdict);
    InfluxWriteException answerException =
        (InfluxWriteException) WriteErrorClassifier.unwrap(error);
    assertThat(answerException.status()).isEqualTo(status);
    assertThat(answerException.getMessage())
        .contains("HTTP " + status)
        .contains("bucket \"ops\" of organisation \"las\"")
        .contains(body.substring(body.indexOf("\"message\"") + 11, body.length() - 2));
    assertThat(stackTrace(error)).doesNotContain(TOKEN);
  }

  @Test
  void retryAfterIsReadFromA429AndStretchesTheBackoffUpToItsMaximum() {
    answer = new Answer(429, "{\"code\":\"too many requests\",\"message\":\"slow down\"}", "7");

    Throwable error = WriteErrorClassifier.unwrap(writeAndCatch(options(url(), "las", "ops")));

    assertThat(((InfluxWriteException) error).retryAfter()).contains(Duration.ofSeconds(7));
    Duration max = Duration.ofSeconds(30);
    assertThat(InfluxDbSinkWriter.retryDelay(Duration.ofMillis(100), error, max))
        .isEqualTo(Duration.ofSeconds(7));
    // Our backoff is already longer: keep it.
    assertThat(InfluxDbSinkWriter.retryDelay(Duration.ofSeconds(20), error, max))
        .isEqualTo(Duration.ofSeconds(20));
    // Never beyond the maximum backoff (the sink's safety-net timeout is sized for it).
    assertThat(InfluxDbSinkWriter.retryDelay(Duration.ofMillis(100), error, Duration.ofSeconds(5)))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anUnparseableRetryAfterFallsBackToTheBackoff() {
    answer = new Answer(503, "{}", "Wed, 21 Oct 2026 07:28:00 GMT");

    Throwable error = WriteErrorClassifier.unwrap(writeAndCatch(options(url(), "las", "ops")));

    assertThat(((InfluxWriteException) error).retryAfter()).isEmpty();
    assertThat(InfluxDbSinkWriter.retryDelay(Duration.ofMillis(100), error, Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void noServerAtAllIsRetriable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Throwable error = writeAndCatch(options("http://127.0.0.1:" + closedPort, "las", "ops"));

    assertThat(WriteErrorClassifier.classify(error)).isEqualTo(WriteErrorClassifier.Verdict.RETRY);
  }

  @Test
  void v2OptionsRequireOrganisationAndTokenAndRefuseV1OnlySettings() {
    URI url = URI.create("http://localhost:8086");
    Duration timeout = Duration.ofSeconds(1);
    InfluxToken token = new InfluxToken(TOKEN);
    assertThatThrownBy(
            () ->
                new InfluxConnectionOptions(
                    InfluxApiVersion.V2, url, "ops", null, null, null, token, timeout, false))
        .hasMessageContaining("organisation");
    assertThatThrownBy(
            () ->
                new InfluxConnectionOptions(
                    InfluxApiVersion.V2, url, "ops", null, "las", null, null, timeout, false))
        .hasMessageContaining("INFLUX_TOKEN");
    assertThatThrownBy(
            () ->
                new InfluxConnectionOptions(
                    InfluxApiVersion.V2,
                    url,
                    "ops",
                    null,
                    "las",
                    new InfluxCredentials("u", "p"),
                    null,
                    timeout,
                    false))
        .hasMessageContaining("token");
    assertThatThrownBy(
            () ->
                new InfluxConnectionOptions(
                    InfluxApiVersion.V2, url, "ops", "autogen", "las", null, token, timeout, false))
        .hasMessageContaining("retention policy");
    assertThatThrownBy(
            () ->
                new InfluxConnectionOptions(
                    InfluxApiVersion.V1, url, "ops", null, "las", null, null, timeout, false))
        .hasMessageContaining("v2 API only");
    assertThatThrownBy(
            () ->
                InfluxDbSink.builder()
                    .setApiVersion(InfluxApiVersion.V2)
                    .setUrl("http://localhost:8086/?token=" + TOKEN)
                    .setOrganization("las")
                    .setBucket("ops")
                    .setToken(TOKEN)
                    .build())
        .hasMessageContaining("query")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aV1WriteWithATokenUsesTheTokenHeaderForTheCompatibilityEndpoint() {
    InfluxConnectionOptions options =
        new InfluxConnectionOptions(
            InfluxApiVersion.V1,
            URI.create(url()),
            "ops",
            "autogen",
            null,
            null,
            new InfluxToken(TOKEN),
            Duration.ofSeconds(5),
            false);
    try (InfluxWriteApi api = InfluxWriteApi.create(options)) {
      api.write(List.of("m x=1i 1")).join();
    }
    Recorded r = requests.get(0);
    assertThat(r.path()).isEqualTo("/write");
    assertThat(r.query()).isEqualTo("db=ops&precision=ms&rp=autogen");
    assertThat(r.authorization()).isEqualTo("Token " + TOKEN);
  }

  private static Throwable writeAndCatch(InfluxConnectionOptions options) {
    List<Throwable> caught = new ArrayList<>();
    try (InfluxWriteApi api = InfluxWriteApi.create(options)) {
      api.write(List.of("m,a=1 x=1i 1000")).join();
    } catch (CompletionException e) {
      caught.add(e);
    }
    assertThat(caught).as("the write failed").hasSize(1);
    return caught.get(0);
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
