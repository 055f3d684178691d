package uk.ambulance.ops.jobs.sink.influx;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Writes {@link InfluxPoint}s to InfluxDB 1.x (v1 API) or 2.x/3.x (v2 API), at least once: every
 * point is in InfluxDB or in the checkpoint, and replays are harmless because a point's identity is
 * (measurement, tags, time), all deterministic functions of the input. Build one with {@link
 * #builder()}.
 */
public final class InfluxDbSink extends AsyncSinkBase<InfluxPoint, String> {
  private static final long serialVersionUID = 1L;

  private final InfluxConnectionOptions options;
  private final Duration initialRetryDelay;
  private final Duration maxRetryDelay;
  private final boolean writeBufferOnCheckpoint;

  InfluxDbSink(
      InfluxConnectionOptions options,
      int maxBatchSize,
      int maxInFlightRequests,
      int maxBufferedRequests,
      long maxBatchSizeInBytes,
      long maxTimeInBufferMs,
      long maxRecordSizeInBytes,
      Duration initialRetryDelay,
      Duration maxRetryDelay,
      boolean writeBufferOnCheckpoint) {
    super(
        new InfluxDbElementConverter(),
        maxBatchSize,
        maxInFlightRequests,
        maxBufferedRequests,
        maxBatchSizeInBytes,
        maxTimeInBufferMs,
        maxRecordSizeInBytes,
        safetyNetTimeoutMs(options, maxRetryDelay),
        false);
    this.options = options;
    this.initialRetryDelay = initialRetryDelay;
    this.maxRetryDelay = maxRetryDelay;
    this.writeBufferOnCheckpoint = writeBufferOnCheckpoint;
  }

  /**
   * The base writer's own request timeout re-queues a batch when it fires. Our HTTP timeout and
   * backoff already bound every attempt, so this only has to catch a lost callback: it must be
   * longer than one attempt (write, CREATE DATABASE, write again) plus the longest backoff, or it
   * would cut backoffs short.
   */
  private static long safetyNetTimeoutMs(InfluxConnectionOptions options, Duration maxRetryDelay) {
    return options.requestTimeout().multipliedBy(3).plus(maxRetryDelay).plusSeconds(30).toMillis();
  }

  public static InfluxDbSinkBuilder builder() {
    return new InfluxDbSinkBuilder();
  }

  public InfluxConnectionOptions options() {
    return options;
  }

  @Override
  public StatefulSinkWriter<InfluxPoint, BufferedRequestState<String>> createWriter(
      WriterInitContext context) {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<InfluxPoint, BufferedRequestState<String>> restoreWriter(
      WriterInitContext context, Collection<BufferedRequestState<String>> recoveredState) {
    AsyncSinkWriterConfiguration configuration =
        AsyncSinkWriterConfiguration.builder()
            .setMaxBatchSize(getMaxBatchSize())
            .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
            .setMaxInFlightRequests(getMaxInFlightRequests())
            .setMaxBufferedRequests(getMaxBufferedRequests())
            .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
            .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
            .setRequestTimeoutMS(getRequestTimeoutMS())
            .setFailOnTimeout(getFailOnTimeout())
            .build();
    return new InfluxDbSinkWriter(
        context,
        configuration,
        recoveredState,
        options,
        new RetryBackoff(initialRetryDelay, maxRetryDelay),
        writeBufferOnCheckpoint);
  }

  @Override
  public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
    return new InfluxDbStateSerializer();
  }
}
