package uk.ambulance.ops.jobs.atrisk;

/**
 * A projection of the day's figure, as an index (the projection over the level that fails the
 * standard; 1 or more: likely to fail). A call seen waiting is projected to wait as long again as
 * it has so far (for a call caught in a queue at a random moment, the wait still to come is on
 * average as long as the wait so far: length-biased sampling), so it breaches the 90th-centile
 * standard if it has waited more than half of it. The calls still expected today go as the last
 * hour went (the day's own figures while the last hour has none).
 */
public final class LikelyBreach {
  /** The share over the standard at which a 90th-centile standard fails. */
  static final double FAILING_SHARE = 0.1;

  private LikelyBreach() {}

  /** The projected share of the day's calls over the standard, over {@link #FAILING_SHARE}. */
  public static double p90Index(DayState d) {
    double n = d.measured() + d.waiting() + d.callsToCome();
    if (n <= 0) {
      return 0;
    }
    double over = d.measuredOver() + d.waitingOverHalf() + recentShare(d) * d.callsToCome();
    return over / n / FAILING_SHARE;
  }

  /** The projected mean of the day, over the mean standard. */
  public static double meanIndex(DayState d, double standardS) {
    double n = d.measured() + d.waiting() + d.callsToCome();
    if (n <= 0) {
      return 0;
    }
    double sum = d.measuredSumS() + 2 * d.waitingSumS() + recentMean(d) * d.callsToCome();
    return sum / n / standardS;
  }

  private static double recentShare(DayState d) {
    if (!Double.isNaN(d.recentShareOver())) {
      return d.recentShareOver();
    }
    return d.measured() == 0 ? 0 : (double) d.measuredOver() / d.measured();
  }

  private static double recentMean(DayState d) {
    if (!Double.isNaN(d.recentMeanS())) {
      return d.recentMeanS();
    }
    return d.measured() == 0 ? 0 : d.measuredSumS() / d.measured();
  }
}
