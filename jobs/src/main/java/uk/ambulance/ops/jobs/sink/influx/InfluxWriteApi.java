package uk.ambulance.ops.jobs.sink.influx;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one thing the sink needs from InfluxDB: accept a batch of line-protocol lines. Two
 * implementations, chosen by {@link InfluxConnectionOptions#apiVersion()}: the 1.x API ({@code
 * /write} with database, user and password) and the 2.x API ({@code /api/v2/write} with
 * organisation, bucket and token).
 */
public interface InfluxWriteApi extends AutoCloseable {

  /**
   * Writes the lines (millisecond timestamps). The future fails with {@link InfluxWriteException}
   * when InfluxDB answers with an error, or with the transport's exception (usually an {@link
   * java.io.IOException}) when it does not answer.
   */
  CompletableFuture<Void> write(List<String> lines);

  /** Creates the target database if it does not exist; a no-op where that is not possible. */
  CompletableFuture<Void> createDatabase();

  @Override
  void close();

  static InfluxWriteApi create(InfluxConnectionOptions options) {
    return switch (options.apiVersion()) {
      case V1 -> new InfluxV1HttpWriteApi(options);
      case V2 -> new InfluxV2HttpWriteApi(options);
    };
  }
}
