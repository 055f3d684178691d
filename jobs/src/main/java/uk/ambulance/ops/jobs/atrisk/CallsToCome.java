package uk.ambulance.ops.jobs.atrisk;

import uk.ambulance.ops.jobs.demand.Poisson;

/**
 * The calls of one category still to come today: the seasonal baseline's expectation for the rest
 * of the day times the category's share of today's calls, and a bound the day will not pass: the
 * Poisson count exceeded with probability {@code tail} at {@code allowance} times that expectation
 * (room for a surge and for an uncertain share). Near midnight both go to 0 and the bound is tight.
 */
public record CallsToCome(double expected, long max) {

  public static CallsToCome of(
      double expectedRestOfDay, double share, double allowance, double tail) {
    double expected = Math.max(0, expectedRestOfDay) * share;
    return new CallsToCome(expected, upperTail(allowance * expected, tail));
  }

  /** The least k with P(X &gt; k) &le; tail for X ~ Poisson(mean). */
  static long upperTail(double mean, double tail) {
    if (mean <= 0) {
      return 0;
    }
    long lo = (long) Math.floor(mean);
    long hi = (long) Math.ceil(mean + 10 * Math.sqrt(mean) + 50);
    while (Poisson.atLeast(hi + 1, mean) > tail) {
      hi *= 2;
    }
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (Poisson.atLeast(mid + 1, mean) <= tail) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
