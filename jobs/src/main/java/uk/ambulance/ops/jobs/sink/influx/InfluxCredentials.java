package uk.ambulance.ops.jobs.sink.influx;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A username and password for InfluxDB. {@link #toString()} never shows the password, so the
 * credentials can sit in configuration objects that get logged.
 */
public final class InfluxCredentials implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String USERNAME_VARIABLE = "INFLUX_USERNAME";
  static final String PASSWORD_VARIABLE = "INFLUX_PASSWORD";
  static final String PASSWORD_FILE_VARIABLE = "INFLUX_PASSWORD_FILE";

  private final String username;
  private final String password;

  public InfluxCredentials(String username, String password) {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("InfluxDB username is empty");
    }
    this.username = username;
    this.password = Objects.requireNonNull(password, "password");
  }

  /**
   * Reads {@code INFLUX_USERNAME} and either {@code INFLUX_PASSWORD} or {@code
   * INFLUX_PASSWORD_FILE} (a file holding the password, e.g. a mounted Kubernetes or Docker secret;
   * one trailing line break is ignored). Setting both password variables is rejected instead of one
   * silently winning: two sources for one secret usually mean one of them is stale. Returns empty
   * when no username is set, i.e. InfluxDB runs without authentication.
   */
  public static Optional<InfluxCredentials> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static Optional<InfluxCredentials> fromEnvironment(Map<String, String> env) {
    String username = EnvironmentSecret.blankToNull(env.get(USERNAME_VARIABLE));
    String password =
        EnvironmentSecret.valueOrFile(
            env.get(PASSWORD_VARIABLE),
            EnvironmentSecret.blankToNull(env.get(PASSWORD_FILE_VARIABLE)),
            PASSWORD_VARIABLE,
            PASSWORD_FILE_VARIABLE);
    if (username == null) {
      if (password != null) {
        throw new IllegalStateException(
            "An InfluxDB password is set but " + USERNAME_VARIABLE + " is not");
      }
      return Optional.empty();
    }
    if (password == null) {
      throw new IllegalStateException(
          USERNAME_VARIABLE
              + " is set but neither "
              + PASSWORD_VARIABLE
              + " nor "
              + PASSWORD_FILE_VARIABLE);
    }
    return Optional.of(new InfluxCredentials(username, password));
  }

  public String username() {
    return username;
  }

  /** Package-private: only the HTTP client needs it, to build the Authorization header. */
  String password() {
    return password;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfluxCredentials other
        && username.equals(other.username)
        && password.equals(other.password);
  }

  @Override
  public int hashCode() {
    return username.hashCode();
  }

  @Override
  public String toString() {
    return "InfluxCredentials{username=" + username + ", password=****}";
  }
}
