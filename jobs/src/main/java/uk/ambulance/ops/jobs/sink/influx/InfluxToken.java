package uk.ambulance.ops.jobs.sink.influx;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An InfluxDB API token (2.x/3.x, or 1.x behind an auth proxy). Like {@link InfluxCredentials} it
 * never shows its value in {@link #toString()}, so it can sit in options that get logged.
 */
public final class InfluxToken implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String TOKEN_VARIABLE = "INFLUX_TOKEN";
  static final String TOKEN_FILE_VARIABLE = "INFLUX_TOKEN_FILE";

  private final String value;

  public InfluxToken(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("InfluxDB token is empty");
    }
    this.value = value;
  }

  /**
   * Reads {@code INFLUX_TOKEN} or {@code INFLUX_TOKEN_FILE} (a file holding the token, e.g. a
   * mounted Docker or Kubernetes secret; one trailing line break is ignored). Both set is rejected:
   * two sources for one secret usually mean one is stale. Empty when neither is set.
   */
  public static Optional<InfluxToken> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static Optional<InfluxToken> fromEnvironment(Map<String, String> env) {
    String token = blankToNull(env.get(TOKEN_VARIABLE));
    String tokenFile = blankToNull(env.get(TOKEN_FILE_VARIABLE));
    if (token != null && tokenFile != null) {
      throw new IllegalStateException(
          "Both " + TOKEN_VARIABLE + " and " + TOKEN_FILE_VARIABLE + " are set; set one");
    }
    if (tokenFile != null) {
      token = readTokenFile(Path.of(tokenFile));
      if (token.isBlank()) {
        throw new IllegalStateException(TOKEN_FILE_VARIABLE + " " + tokenFile + " is empty");
      }
    }
    return token == null ? Optional.empty() : Optional.of(new InfluxToken(token));
  }

  private static String readTokenFile(Path file) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      if (content.endsWith("\n")) {
        content = content.substring(0, content.length() - 1);
      }
      if (content.endsWith("\r")) {
        content = content.substring(0, content.length() - 1);
      }
      return content;
    } catch (IOException e) {
      // Names the file only; an I/O error cannot carry the content.
      throw new UncheckedIOException("Cannot read " + TOKEN_FILE_VARIABLE + " " + file, e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Package-private: only the HTTP clients need it, for the Authorization header. */
  String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfluxToken other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return 0; // no hint of the value, not even through a hash
  }

  @Override
  public String toString() {
    return "InfluxToken{****}";
  }
}
