package uk.ambulance.ops.jobs.alerts;

/**
 * What one alert identity remembers between values: whether it is pending (raise level reached,
 * hold not yet over), firing or clearing, since when ({@code sinceMs}: when that phase began;
 * {@code firedMs}: when it fired), its latest value and level; for a rule on a running total, the
 * total last seen.
 */
public record AlertState(
    Phase phase,
    long sinceMs,
    long firedMs,
    double value,
    double threshold,
    double previousTotal,
    long previousTotalMs) {

  public enum Phase {
    /** Nothing raised; kept only to remember a running total. */
    NORMAL,
    PENDING,
    FIRING,
    /** Firing, and past the clear level since {@code sinceMs}; resolves once that has held. */
    CLEARING
  }

  static final long NO_TOTAL = Long.MIN_VALUE;

  AlertState fired(long at, double newValue, double raise) {
    return new AlertState(Phase.FIRING, at, at, newValue, raise, previousTotal, previousTotalMs);
  }

  AlertState withPhase(Phase next, long since, double newValue, double newThreshold) {
    return new AlertState(
        next, since, firedMs, newValue, newThreshold, previousTotal, previousTotalMs);
  }

  AlertState withTotal(double total, long atMs) {
    return new AlertState(phase, sinceMs, firedMs, value, threshold, total, atMs);
  }

  /** The state to keep once nothing is pending or firing: none, unless a total must be kept. */
  AlertState normal() {
    return previousTotalMs == NO_TOTAL
        ? null
        : new AlertState(
            Phase.NORMAL, 0, 0, Double.NaN, Double.NaN, previousTotal, previousTotalMs);
  }
}
