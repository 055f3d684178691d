package uk.ambulance.ops.jobs.atrisk;

import uk.ambulance.ops.jobs.stats.CentileDefinition;

/**
 * The lower bound of the day's figure that no later call can undo, as an index (the bound over the
 * level that fails the standard; 1 or more: the day's standard is lost whatever happens next).
 *
 * <p>Calls still to come can only dilute the figure, so the bound counts as many as the rest of the
 * day can bring ({@link DayState#callsToComeMax}), each answered at once (a response of 0, never a
 * breach). A call waiting now counts today only if it is reached before midnight (response times
 * count on the day their clock stops), so the bound cannot count on it: a waiting call may count
 * today as fast as its wait so far allows, or not at all. One already past a standard cannot rescue
 * a day that fails without it (adding a value over the level never brings a mean or a centile back
 * under it), so the worst case leaves it out; the others may count, at a response as short as 0. It
 * assumes, as the standards' counting does, that the measured response times stand (a correction
 * when an incident closes can move one).
 */
public final class CertainBreach {
  private CertainBreach() {}

  /**
   * The breaches counted so far over those needed to put the day's 90th centile above the standard
   * for a day of the largest size those calls leave (needing more never falls as a day grows). 0
   * for an empty day.
   */
  public static double p90Index(DayState d, CentileDefinition centile) {
    long n = d.measured() + (d.waiting() - d.waitingOver()) + d.callsToComeMax();
    if (n == 0) {
      return 0;
    }
    int needed = centile.aboveNeeded((int) Math.min(n, Integer.MAX_VALUE), 0.9);
    return (double) d.measuredOver() / needed;
  }

  /**
   * The least the day's mean can end at, over the mean standard: the response times so far over
   * every call the day may still count, each waiting one and each still to come at 0. The mean
   * fails only above the standard, so a bound exactly at it reads just under 1.
   */
  public static double meanIndex(DayState d, double standardS) {
    long n = d.measured() + d.waiting() + d.callsToComeMax();
    if (n == 0) {
      return 0;
    }
    double least = d.measuredSumS() / n;
    double index = least / standardS;
    return least > standardS ? index : Math.min(index, Math.nextDown(1.0));
  }
}
