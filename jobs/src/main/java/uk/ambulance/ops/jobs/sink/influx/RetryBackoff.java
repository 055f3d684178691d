package uk.ambulance.ops.jobs.sink.influx;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exponential backoff over consecutive failed writes of one writer: initial, 2x, 4x ... up to max.
 * One success resets it. Shared by all in-flight requests of the writer, because they all fail for
 * the same reason (the server) and should all slow down together.
 */
public final class RetryBackoff {
  private final long initialMillis;
  private final long maxMillis;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();

  public RetryBackoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
    }
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
  }

  /** Records one more failure and returns how long to wait before retrying it. */
  public Duration nextDelay() {
    int failures = consecutiveFailures.incrementAndGet();
    long delay = initialMillis;
    for (int i = 1; i < failures && delay < maxMillis; i++) {
      delay *= 2;
    }
    return Duration.ofMillis(Math.min(delay, maxMillis));
  }

  Duration maxDelay() {
    return Duration.ofMillis(maxMillis);
  }

  public void reset() {
    consecutiveFailures.set(0);
  }

  public int consecutiveFailures() {
    return consecutiveFailures.get();
  }
}
