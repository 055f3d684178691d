package uk.ambulance.ops.jobs.sink.influx;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.DequeRequestBuffer;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.SimpleBatchCreator;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Sends batches of lines to InfluxDB. A batch that fails for a transient reason stays in flight
 * until its backoff has passed and is then handed back to the base writer for another attempt; so
 * the writer's in-flight limit turns an outage into backpressure instead of a growing buffer, and
 * no checkpoint completes while lines are unwritten. Anything else fails the job.
 */
final class InfluxDbSinkWriter extends AsyncSinkWriter<InfluxPoint, String> {
  private static final Logger LOG = LoggerFactory.getLogger(InfluxDbSinkWriter.class);

  /** Metric: writes that failed transiently and were scheduled for retry. */
  static final String RETRIED_WRITES_METRIC = "influxRetriedWrites";

  private final InfluxConnectionOptions options;
  private final InfluxWriteApi api;
  private final RetryBackoff backoff;
  private final Duration maxRetryDelay;
  private final boolean writeBufferOnCheckpoint;
  private final ScheduledExecutorService retryTimer;
  private final Counter retriedWrites;

  InfluxDbSinkWriter(
      WriterInitContext context,
      AsyncSinkWriterConfiguration configuration,
      Collection<BufferedRequestState<String>> restoredState,
      InfluxConnectionOptions options,
      RetryBackoff backoff,
      boolean writeBufferOnCheckpoint) {
    super(
        new InfluxDbElementConverter(),
        context,
        configuration,
        restoredState,
        new SimpleBatchCreator<>(configuration.getMaxBatchSizeInBytes()),
        new DequeRequestBuffer<>());
    this.options = options;
    this.api = InfluxWriteApi.create(options);
    this.backoff = backoff;
    this.maxRetryDelay = backoff.maxDelay();
    this.writeBufferOnCheckpoint = writeBufferOnCheckpoint;
    this.retryTimer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "influx-retry-" + options.database());
              thread.setDaemon(true);
              return thread;
            });
    this.retriedWrites = context.metricGroup().counter(RETRIED_WRITES_METRIC);
    if (options.createDatabase()) {
      // Best effort and asynchronous: InfluxDB may be down right now, or the user may lack the
      // admin right to create databases but have one already. A write to a missing database
      // retries the CREATE and fails the job with InfluxDB's answer if that does not work.
      api.createDatabase()
          .whenComplete(
              (ignored, error) -> {
                if (error != null) {
                  LOG.warn(
                      "Could not create InfluxDB database {} on opening the sink: {}",
                      options.database(),
                      WriteErrorClassifier.unwrap(error).toString());
                }
              });
    }
  }

  @Override
  protected void submitRequestEntries(List<String> lines, ResultHandler<String> result) {
    api.write(lines)
        .whenComplete(
            (ignored, error) -> {
              if (error == null) {
                backoff.reset();
                result.complete();
              } else if (WriteErrorClassifier.classify(error)
                  == WriteErrorClassifier.Verdict.RETRY) {
                scheduleRetry(lines, result, WriteErrorClassifier.unwrap(error));
              } else {
                result.completeExceptionally(fatal(lines.size(), error));
              }
            });
  }

  private void scheduleRetry(List<String> lines, ResultHandler<String> result, Throwable cause) {
    Duration delay = retryDelay(backoff.nextDelay(), cause, maxRetryDelay);
    retriedWrites.inc();
    LOG.warn(
        "Writing {} lines to InfluxDB {} at {} failed ({} in a row), retrying in {} ms: {}",
        lines.size(),
        options.describeTarget(),
        options.url(),
        backoff.consecutiveFailures(),
        delay.toMillis(),
        cause.toString());
    // InfluxDB accepts or rejects a batch as a whole, so "the failed entries" is the batch.
    retryTimer.schedule(
        () -> result.retryForEntries(lines), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The backoff's delay, or longer if the server asked for it with {@code Retry-After} (429, 503);
   * never longer than the maximum backoff, which the sink's safety-net request timeout is sized
   * for.
   */
  static Duration retryDelay(Duration backoffDelay, Throwable cause, Duration maxRetryDelay) {
    if (cause instanceof InfluxWriteException answer && answer.retryAfter().isPresent()) {
      Duration asked = answer.retryAfter().get();
      Duration capped = asked.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : asked;
      return capped.compareTo(backoffDelay) > 0 ? capped : backoffDelay;
    }
    return backoffDelay;
  }

  private Exception fatal(int lineCount, Throwable error) {
    Throwable cause = WriteErrorClassifier.unwrap(error);
    if (cause instanceof InfluxWriteException answer) {
      return answer;
    }
    return new InfluxWriteFailedException(
        "Writing "
            + lineCount
            + " lines to InfluxDB "
            + options.describeTarget()
            + " at "
            + options.url()
            + " failed: "
            + cause,
        cause);
  }

  /**
   * Flink calls {@code flush(false)} before every checkpoint, which only waits for in-flight
   * requests and leaves buffered lines in the checkpoint state. Writing them instead makes data
   * visible in InfluxDB at every checkpoint, however long maxTimeInBuffer is.
   */
  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    super.flush(endOfInput || writeBufferOnCheckpoint);
  }

  @Override
  protected long getSizeInBytes(String line) {
    return utf8Length(line) + 1; // + the line break that separates lines in a request
  }

  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1; // a lone surrogate is encoded as '?'
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  @Override
  public void close() {
    retryTimer.shutdownNow();
    api.close();
    super.close();
  }
}
