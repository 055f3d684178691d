package uk.ambulance.ops.jobs.sink.influx;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.connector.base.sink.AsyncSinkBaseBuilder;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Builds an {@link InfluxDbSink}. InfluxDB 1.x needs url and database:
 *
 * <pre>{@code
 * InfluxDbSink sink = InfluxDbSink.builder()
 *     .setUrl("http://influxdb:8086")
 *     .setDatabase("ops")
 *     .setCredentials(InfluxCredentials.fromEnvironment())
 *     .build();
 * }</pre>
 *
 * InfluxDB 2.x/3.x needs url, organisation, bucket and token:
 *
 * <pre>{@code
 * InfluxDbSink sink = InfluxDbSink.builder()
 *     .setApiVersion(InfluxApiVersion.V2)
 *     .setUrl("http://influxdb:8086")
 *     .setOrganization("las")
 *     .setBucket("ops")
 *     .setToken(InfluxToken.fromEnvironment())
 *     .build();
 * }</pre>
 */
public final class InfluxDbSinkBuilder
    extends AsyncSinkBaseBuilder<InfluxPoint, String, InfluxDbSinkBuilder> {

  static final int DEFAULT_MAX_BATCH_SIZE = 5_000;
  // One request at a time per subtask keeps successive versions of a point in order: the job
  // rewrites points (provisional values, late corrections), and two concurrent requests or a
  // retried batch overtaken by a newer one could leave the older version in InfluxDB. A subtask
  // still writes up to maxBatchSize lines per request, far more than the job produces.
  static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 1;
  static final int DEFAULT_MAX_BUFFERED_REQUESTS = 20_000;
  // Well under InfluxDB 1.x's default [http] max-body-size of 25 MB, so 413 means misconfiguration.
  static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 8L * 1024 * 1024;
  static final long DEFAULT_MAX_TIME_IN_BUFFER_MS = 1_000;
  static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 1024 * 1024;
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_INITIAL_RETRY_DELAY = Duration.ofMillis(100);
  static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);

  private InfluxApiVersion apiVersion = InfluxApiVersion.V1;
  private URI url;
  private String database;
  private String organization;
  private InfluxToken token;
  private String retentionPolicy;
  private InfluxCredentials credentials;
  private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
  private boolean createDatabase = true;
  private boolean writeBufferOnCheckpoint = true;
  private Duration initialRetryDelay = DEFAULT_INITIAL_RETRY_DELAY;
  private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;

  InfluxDbSinkBuilder() {}

  public InfluxDbSinkBuilder setUrl(String url) {
    this.url = URI.create(url);
    return this;
  }

  /** v1 (default) or v2. */
  public InfluxDbSinkBuilder setApiVersion(InfluxApiVersion apiVersion) {
    this.apiVersion = apiVersion;
    return this;
  }

  /** The v1 database (for v2 this is the bucket: {@link #setBucket}). */
  public InfluxDbSinkBuilder setDatabase(String database) {
    this.database = database;
    return this;
  }

  /** The v2 bucket; the same setting as the v1 database. */
  public InfluxDbSinkBuilder setBucket(String bucket) {
    this.database = bucket;
    return this;
  }

  /** The v2 organisation (name or ID). */
  public InfluxDbSinkBuilder setOrganization(String organization) {
    this.organization = organization;
    return this;
  }

  /** The API token (required for v2). */
  public InfluxDbSinkBuilder setToken(String token) {
    this.token = new InfluxToken(token);
    return this;
  }

  /** Empty means no token; fits {@link InfluxToken#fromEnvironment()}. */
  public InfluxDbSinkBuilder setToken(Optional<InfluxToken> token) {
    this.token = token.orElse(null);
    return this;
  }

  /** Optional; without it InfluxDB uses the database's default retention policy. */
  public InfluxDbSinkBuilder setRetentionPolicy(String retentionPolicy) {
    this.retentionPolicy = retentionPolicy;
    return this;
  }

  public InfluxDbSinkBuilder setCredentials(String username, String password) {
    this.credentials = new InfluxCredentials(username, password);
    return this;
  }

  /** Empty means no authentication; fits {@link InfluxCredentials#fromEnvironment()}. */
  public InfluxDbSinkBuilder setCredentials(Optional<InfluxCredentials> credentials) {
    this.credentials = credentials.orElse(null);
    return this;
  }

  /** How long one HTTP request may take before it counts as a (retriable) failure. */
  public InfluxDbSinkBuilder setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    return this;
  }

  /**
   * Whether to CREATE DATABASE on start and when a write finds it missing. Default true; v1 only (a
   * v2 bucket must exist).
   */
  public InfluxDbSinkBuilder setCreateDatabase(boolean createDatabase) {
    this.createDatabase = createDatabase;
    return this;
  }

  /**
   * Whether each checkpoint writes everything buffered (default true). With false, buffered lines
   * go into the checkpoint instead and are written by the size or time triggers or after restore.
   */
  public InfluxDbSinkBuilder setWriteBufferOnCheckpoint(boolean writeBufferOnCheckpoint) {
    this.writeBufferOnCheckpoint = writeBufferOnCheckpoint;
    return this;
  }

  /** Backoff between retries of a failing write: doubles from initial up to max. */
  public InfluxDbSinkBuilder setRetryBackoff(Duration initial, Duration max) {
    this.initialRetryDelay = initial;
    this.maxRetryDelay = max;
    return this;
  }

  @Override
  public InfluxDbSink build() {
    if (url == null) {
      throw new IllegalArgumentException("InfluxDB url is required");
    }
    InfluxConnectionOptions options =
        new InfluxConnectionOptions(
            apiVersion,
            url,
            database,
            retentionPolicy,
            organization,
            credentials,
            token,
            requestTimeout,
            createDatabase);
    // Validated here so a bad backoff fails at job build time, not when the first writer opens.
    new RetryBackoff(initialRetryDelay, maxRetryDelay);
    return new InfluxDbSink(
        options,
        orDefault(getMaxBatchSize(), DEFAULT_MAX_BATCH_SIZE),
        orDefault(getMaxInFlightRequests(), DEFAULT_MAX_IN_FLIGHT_REQUESTS),
        orDefault(getMaxBufferedRequests(), DEFAULT_MAX_BUFFERED_REQUESTS),
        orDefault(getMaxBatchSizeInBytes(), DEFAULT_MAX_BATCH_SIZE_IN_BYTES),
        orDefault(getMaxTimeInBufferMS(), DEFAULT_MAX_TIME_IN_BUFFER_MS),
        orDefault(getMaxRecordSizeInBytes(), DEFAULT_MAX_RECORD_SIZE_IN_BYTES),
        initialRetryDelay,
        maxRetryDelay,
        writeBufferOnCheckpoint);
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
