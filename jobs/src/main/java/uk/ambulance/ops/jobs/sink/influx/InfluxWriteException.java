package uk.ambulance.ops.jobs.sink.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** InfluxDB answered a request with an error status; the message says what it answered. */
public final class InfluxWriteException extends IOException {
  private static final long serialVersionUID = 2L;
  static final int MAX_BODY_CHARS = 500;

  private final int status;
  private final String body;
  private final Duration retryAfter;

  InfluxWriteException(String action, InfluxConnectionOptions options, int status, String body) {
    this(action, options, status, body, null);
  }

  /**
   * @param retryAfter the server's {@code Retry-After}, or null
   */
  InfluxWriteException(
      String action,
      InfluxConnectionOptions options,
      int status,
      String body,
      Duration retryAfter) {
    super(
        "InfluxDB at "
            + options.url()
            + " answered HTTP "
            + status
            + " to "
            + action
            + " "
            + options.describeTarget()
            + ": "
            + truncate(redact(body, options)));
    this.status = status;
    this.body = truncate(redact(body, options));
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public String body() {
    return body;
  }

  /** How long the server asked us to wait ({@code Retry-After}), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  boolean isDatabaseNotFound() {
    return status == 404 && body.contains("database not found");
  }

  // InfluxDB does not echo secrets, but a proxy in front of it might.
  private static String redact(String body, InfluxConnectionOptions options) {
    String text = body == null ? "" : body.strip();
    InfluxCredentials credentials = options.credentials();
    if (credentials != null && !credentials.password().isEmpty()) {
      text = text.replace(credentials.password(), "****");
    }
    InfluxToken token = options.token();
    if (token != null) {
      text = text.replace(token.value(), "****");
    }
    return text;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_BODY_CHARS
        ? text
        : text.substring(0, MAX_BODY_CHARS) + "... (" + text.length() + " chars)";
  }
}
