package uk.ambulance.ops.jobs.sink.influx;

import java.io.IOException;

/** InfluxDB answered a request with an error status; the message says what it answered. */
public final class InfluxWriteException extends IOException {
  private static final long serialVersionUID = 1L;
  static final int MAX_BODY_CHARS = 500;

  private final int status;
  private final String body;

  InfluxWriteException(String action, InfluxConnectionOptions options, int status, String body) {
    super(
        "InfluxDB at "
            + options.url()
            + " answered HTTP "
            + status
            + " to "
            + action
            + " database \""
            + options.database()
            + "\": "
            + truncate(redact(body, options)));
    this.status = status;
    this.body = truncate(redact(body, options));
  }

  public int status() {
    return status;
  }

  public String body() {
    return body;
  }

  boolean isDatabaseNotFound() {
    return status == 404 && body.contains("database not found");
  }

  // InfluxDB does not echo credentials, but a proxy in front of it might.
  private static String redact(String body, InfluxConnectionOptions options) {
    String text = body == null ? "" : body.strip();
    InfluxCredentials credentials = options.credentials();
    if (credentials != null && !credentials.password().isEmpty()) {
      text = text.replace(credentials.password(), "****");
    }
    return text;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_BODY_CHARS
        ? text
        : text.substring(0, MAX_BODY_CHARS) + "... (" + text.length() + " chars)";
  }
}
