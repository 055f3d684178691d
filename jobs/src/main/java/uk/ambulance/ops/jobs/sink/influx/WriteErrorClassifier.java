package uk.ambulance.ops.jobs.sink.influx;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides whether a failed write is worth retrying. Retrying is right when InfluxDB is down,
 * overloaded or slow (it will answer the same lines differently later); failing the job is right
 * when InfluxDB rejected the lines or the credentials (it will answer the same way forever, and
 * retrying would stall the job silently).
 */
public final class WriteErrorClassifier {

  public enum Verdict {
    RETRY,
    FAIL
  }

  private WriteErrorClassifier() {}

  static Verdict classify(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof InfluxWriteException answer) {
      return classifyStatus(answer.status());
    }
    // No answer at all: refused, reset, timed out, closed mid-response. All transient.
    if (cause instanceof IOException) {
      return Verdict.RETRY;
    }
    return Verdict.FAIL;
  }

  /**
   * 408/429/5xx: the server could not take the lines now. 400 (bad line protocol, field type
   * conflict, "partial write"), 401/403 (credentials), 404 (database missing and not to be
   * created), 413 (batch over max-body-size: lower maxBatchSizeInBytes) and other 4xx: the same
   * request fails again.
   */
  public static Verdict classifyStatus(int status) {
    if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
      return Verdict.RETRY;
    }
    return Verdict.FAIL;
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
