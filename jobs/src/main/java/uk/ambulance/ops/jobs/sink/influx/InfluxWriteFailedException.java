package uk.ambulance.ops.jobs.sink.influx;

import java.io.IOException;

/** A write failed for a reason that retrying will not fix, without an answer from InfluxDB. */
public final class InfluxWriteFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  InfluxWriteFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
