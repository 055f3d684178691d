package uk.ambulance.ops.jobs.sink.influx;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the sink writes: API version, server, database (v1) or organisation and bucket
 * (v2), retention policy, credentials or token, timeouts. {@link #toString()} is safe to log: the
 * secrets show as {@code ****}.
 */
public final class InfluxConnectionOptions implements Serializable {
  private static final long serialVersionUID = 2L;

  private final InfluxApiVersion apiVersion;
  private final URI url;
  private final String database;
  private final String retentionPolicy;
  private final String organization;
  private final InfluxCredentials credentials;
  private final InfluxToken token;
  private final Duration requestTimeout;
  private final boolean createDatabase;

  /** InfluxDB 1.x API with optional user and password. */
  public InfluxConnectionOptions(
      URI url,
      String database,
      String retentionPolicy,
      InfluxCredentials credentials,
      Duration requestTimeout,
      boolean createDatabase) {
    this(
        InfluxApiVersion.V1,
        url,
        database,
        retentionPolicy,
        null,
        credentials,
        null,
        requestTimeout,
        createDatabase);
  }

  /**
   * @param database the database (v1) or bucket (v2)
   * @param retentionPolicy v1 only; null for the database's default
   * @param organization v2 only (name or ID), required there
   * @param credentials v1 only; null for none
   * @param token required for v2; for v1 an alternative to credentials (InfluxDB 2.x/3.x v1
   *     compatibility endpoint)
   * @param createDatabase v1 only: CREATE DATABASE on start and when a write finds it missing. A v2
   *     bucket is never created by the sink (that needs the organisation's admin rights).
   */
  public InfluxConnectionOptions(
      InfluxApiVersion apiVersion,
      URI url,
      String database,
      String retentionPolicy,
      String organization,
      InfluxCredentials credentials,
      InfluxToken token,
      Duration requestTimeout,
      boolean createDatabase) {
    Objects.requireNonNull(apiVersion, "InfluxDB API version");
    Objects.requireNonNull(url, "InfluxDB url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("InfluxDB url must be http or https: " + url);
    }
    if (url.getRawUserInfo() != null) {
      // Credentials in the URL would end up in every log line and exception that shows the URL.
      throw new IllegalArgumentException(
          "Put InfluxDB credentials in username/password or a token, not in the url");
    }
    if (url.getRawQuery() != null) {
      // A token in ?token= or u=/p= would be logged with the URL; the sink adds its own query.
      throw new IllegalArgumentException("The InfluxDB url must not have a query part");
    }
    String target = apiVersion == InfluxApiVersion.V1 ? "database" : "bucket";
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("InfluxDB " + target + " is required");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
    }
    if (credentials != null && token != null) {
      throw new IllegalArgumentException(
          "Set either InfluxDB username/password or a token, not both");
    }
    String rp = retentionPolicy == null || retentionPolicy.isBlank() ? null : retentionPolicy;
    String org = organization == null || organization.isBlank() ? null : organization;
    if (apiVersion == InfluxApiVersion.V2) {
      if (org == null) {
        throw new IllegalArgumentException("InfluxDB v2 API needs an organisation");
      }
      if (token == null) {
        throw new IllegalArgumentException(
            "InfluxDB v2 API needs a token (INFLUX_TOKEN or INFLUX_TOKEN_FILE)");
      }
      if (credentials != null) {
        throw new IllegalArgumentException(
            "InfluxDB v2 API authenticates with a token, not username/password");
      }
      if (rp != null) {
        throw new IllegalArgumentException(
            "InfluxDB v2 API has no retention policy parameter: the bucket has one");
      }
    } else if (org != null) {
      throw new IllegalArgumentException("An organisation is for the v2 API only");
    }
    this.apiVersion = apiVersion;
    this.url = url;
    this.database = database;
    this.retentionPolicy = rp;
    this.organization = org;
    this.credentials = credentials;
    this.token = token;
    this.requestTimeout = requestTimeout;
    this.createDatabase = apiVersion == InfluxApiVersion.V1 && createDatabase;
  }

  public InfluxApiVersion apiVersion() {
    return apiVersion;
  }

  public URI url() {
    return url;
  }

  /** The database (v1) or bucket (v2). */
  public String database() {
    return database;
  }

  /** Null means the database's default retention policy. */
  public String retentionPolicy() {
    return retentionPolicy;
  }

  /** The v2 organisation; null for v1. */
  public String organization() {
    return organization;
  }

  /** Null means no username/password. */
  public InfluxCredentials credentials() {
    return credentials;
  }

  /** Null means no token. */
  public InfluxToken token() {
    return token;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Always false for v2. */
  public boolean createDatabase() {
    return createDatabase;
  }

  /** {@code database "ops"} or {@code bucket "ops" of organisation "las"}, for messages. */
  String describeTarget() {
    return apiVersion == InfluxApiVersion.V1
        ? "database \"" + database + "\""
        : "bucket \"" + database + "\" of organisation \"" + organization + "\"";
  }

  @Override
  public String toString() {
    return "InfluxConnectionOptions{api="
        + apiVersion.label()
        + ", url="
        + url
        + (apiVersion == InfluxApiVersion.V1 ? ", database=" : ", bucket=")
        + database
        + (organization == null ? "" : ", organization=" + organization)
        + (retentionPolicy == null ? "" : ", retentionPolicy=" + retentionPolicy)
        + ", credentials="
        + credentials
        + ", token="
        + (token == null ? "none" : "****")
        + ", requestTimeout="
        + requestTimeout
        + ", createDatabase="
        + createDatabase
        + '}';
  }
}
