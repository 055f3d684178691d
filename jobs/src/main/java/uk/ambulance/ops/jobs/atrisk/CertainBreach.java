package uk.ambulance.ops.jobs.atrisk;

import uk.ambulance.ops.jobs.stats.CentileDefinition;

/**
 * The lower bound of the day's figure that no later call can undo, as an index (the bound over the
 * level that fails the standard; 1 or more: the day's standard is lost whatever happens next).
 *
 * <p>A call waiting longer than the standard will be a breach when it is reached, and every waiting
 * call will count at least its wait so far. Calls still to come can only dilute the figure, so the
 * bound counts as many as the rest of the day can bring ({@link DayState#callsToComeMax}), each as
 * fast as possible (a response time of 0, never a breach). It assumes, as the standards' counting
 * does, that a waiting call is reached in its category and that measured response times stand (a
 * correction when an incident closes can move one).
 */
public final class CertainBreach {
  private CertainBreach() {}

  /** The most calls the day can count: measured, waiting, and the most still to come. */
  static long largestDay(DayState d) {
    return d.measured() + d.waiting() + d.callsToComeMax();
  }

  /**
   * The certain breaches over those needed to put the day's 90th centile above the standard for a
   * day of the largest size (needing more never falls as a day grows). 0 for an empty day.
   */
  public static double p90Index(DayState d, CentileDefinition centile) {
    long n = largestDay(d);
    if (n == 0) {
      return 0;
    }
    int needed = centile.aboveNeeded((int) Math.min(n, Integer.MAX_VALUE), 0.9);
    return (double) (d.measuredOver() + d.waitingOver()) / needed;
  }

  /**
   * The least the day's mean can end at, over the mean standard. The mean fails only above the
   * standard, so a bound exactly at it reads just under 1.
   */
  public static double meanIndex(DayState d, double standardS) {
    long n = largestDay(d);
    if (n == 0) {
      return 0;
    }
    double least = (d.measuredSumS() + d.waitingSumS()) / n;
    double index = least / standardS;
    return least > standardS ? index : Math.min(index, Math.nextDown(1.0));
  }
}
