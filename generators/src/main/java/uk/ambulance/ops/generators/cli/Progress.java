package uk.ambulance.ops.generators.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/** A progress line on standard error, rewritten at most every two seconds of wall time. */
final class Progress {
  private static final long EVERY_NANOS = 2_000_000_000L;
  private final PrintStream err;
  private final boolean enabled;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private boolean printed;

  Progress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  void update(String what, LongSupplier records) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastNanos < EVERY_NANOS) {
      return;
    }
    lastNanos = now;
    double seconds = (now - startNanos) / 1e9;
    long n = records.getAsLong();
    err.printf("\r%s  %,d records  %,.0f/s   ", what, n, n / Math.max(1e-9, seconds));
    err.flush();
    printed = true;
  }

  void done() {
    if (printed) {
      err.println();
    }
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
