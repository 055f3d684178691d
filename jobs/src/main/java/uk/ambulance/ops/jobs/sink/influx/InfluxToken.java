package uk.ambulance.ops.jobs.sink.influx;

import java.io.Serializable;
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
    String tokenFile = EnvironmentSecret.blankToNull(env.get(TOKEN_FILE_VARIABLE));
    String token =
        EnvironmentSecret.valueOrFile(
            EnvironmentSecret.blankToNull(env.get(TOKEN_VARIABLE)),
            tokenFile,
            TOKEN_VARIABLE,
            TOKEN_FILE_VARIABLE);
    if (tokenFile != null && token.isBlank()) {
      throw new IllegalStateException(TOKEN_FILE_VARIABLE + " " + tokenFile + " is empty");
    }
    return token == null ? Optional.empty() : Optional.of(new InfluxToken(token));
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
