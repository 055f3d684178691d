package uk.ambulance.ops.jobs.sink.influx;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    String username = blankToNull(env.get(USERNAME_VARIABLE));
    String password = env.get(PASSWORD_VARIABLE);
    String passwordFile = blankToNull(env.get(PASSWORD_FILE_VARIABLE));
    if (password != null && passwordFile != null) {
      throw new IllegalStateException(
          "Both " + PASSWORD_VARIABLE + " and " + PASSWORD_FILE_VARIABLE + " are set; set one");
    }
    if (username == null) {
      if (password != null || passwordFile != null) {
        throw new IllegalStateException(
            "An InfluxDB password is set but " + USERNAME_VARIABLE + " is not");
      }
      return Optional.empty();
    }
    if (passwordFile != null) {
      password = readPasswordFile(Path.of(passwordFile));
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

  private static String readPasswordFile(Path file) {
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
      // The message names the file only; the exception cannot contain the content.
      throw new UncheckedIOException("Cannot read " + PASSWORD_FILE_VARIABLE + " " + file, e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
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
