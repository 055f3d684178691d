package uk.ambulance.ops.jobs.sink.influx;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Where and how the sink writes: server, database, retention policy, credentials, timeouts. */
public final class InfluxConnectionOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final URI url;
  private final String database;
  private final String retentionPolicy;
  private final InfluxCredentials credentials;
  private final Duration requestTimeout;
  private final boolean createDatabase;

  public InfluxConnectionOptions(
      URI url,
      String database,
      String retentionPolicy,
      InfluxCredentials credentials,
      Duration requestTimeout,
      boolean createDatabase) {
    Objects.requireNonNull(url, "InfluxDB url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("InfluxDB url must be http or https: " + url);
    }
    if (url.getRawUserInfo() != null) {
      // Credentials in the URL would end up in every log line and exception that shows the URL.
      throw new IllegalArgumentException(
          "Put InfluxDB credentials in username/password, not in the url");
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("InfluxDB database is required");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
    }
    this.url = url;
    this.database = database;
    this.retentionPolicy =
        retentionPolicy == null || retentionPolicy.isBlank() ? null : retentionPolicy;
    this.credentials = credentials;
    this.requestTimeout = requestTimeout;
    this.createDatabase = createDatabase;
  }

  public URI url() {
    return url;
  }

  public String database() {
    return database;
  }

  /** Null means the database's default retention policy. */
  public String retentionPolicy() {
    return retentionPolicy;
  }

  /** Null means no authentication. */
  public InfluxCredentials credentials() {
    return credentials;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public boolean createDatabase() {
    return createDatabase;
  }

  @Override
  public String toString() {
    return "InfluxConnectionOptions{url="
        + url
        + ", database="
        + database
        + ", retentionPolicy="
        + retentionPolicy
        + ", credentials="
        + credentials
        + ", requestTimeout="
        + requestTimeout
        + ", createDatabase="
        + createDatabase
        + '}';
  }
}
