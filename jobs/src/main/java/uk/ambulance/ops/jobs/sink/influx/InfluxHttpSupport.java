package uk.ambulance.ops.jobs.sink.influx;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What the v1 and v2 HTTP write APIs share: the client, the Authorization header, Retry-After. */
final class InfluxHttpSupport {
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private InfluxHttpSupport() {}

  /** A JDK HTTP client on its own daemon threads; shut the executor down to release them. */
  static HttpClient client(InfluxConnectionOptions options, ExecutorService executor) {
    Duration connectTimeout =
        options.requestTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
            ? options.requestTimeout()
            : MAX_CONNECT_TIMEOUT;
    return HttpClient.newBuilder()
        // InfluxDB speaks HTTP/1.1; skip the h2c upgrade dance.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .executor(executor)
        .build();
  }

  /** A write request's body: each line ending in a newline, as UTF-8, built in one pass. */
  static byte[] body(List<String> lines) {
    int length = 0;
    for (String line : lines) {
      length += line.length() + 1;
    }
    StringBuilder body = new StringBuilder(length);
    for (String line : lines) {
      body.append(line).append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  static ExecutorService executor() {
    int clientId = CLIENT_IDS.incrementAndGet();
    AtomicInteger threadIds = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          Thread thread =
              new Thread(runnable, "influx-http-" + clientId + "-" + threadIds.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newCachedThreadPool(threads);
  }

  /**
   * The Authorization header, or null: {@code Token <token>} when there is a token, else Basic auth
   * for username/password. Headers rather than {@code u=/p=} or {@code token=} query parameters,
   * because URLs end up in access logs and exception messages; headers do not.
   */
  static String authorization(InfluxConnectionOptions options) {
    if (options.token() != null) {
      return "Token " + options.token().value();
    }
    InfluxCredentials credentials = options.credentials();
    if (credentials == null) {
      return null;
    }
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (credentials.username() + ":" + credentials.password())
                    .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code Retry-After} in seconds (what InfluxDB 2.x/Cloud send with 429 and 503). The HTTP-date
   * form is ignored: the sink's own backoff applies then.
   */
  static Duration retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.get().trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
