package uk.ambulance.ops.jobs.hospitals;

import java.util.List;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Crew time lost at a hospital: each handover's time beyond the handover standard, summed per
 * London day by the day the handover completed.
 */
final class LostHours {
  private final long standardMs;

  LostHours(long standardMs) {
    this.standardMs = standardMs;
  }

  /** What one completed handover lost. */
  double lostMs(HandoverRecord stay) {
    return Math.max(0, stay.handoverMs() - standardMs);
  }

  /**
   * Lost time of handovers completed on {@code t}'s day up to {@code t}: the day's sum less that of
   * any kept stay that completed later the same day.
   */
  double today(long t, Double daySum, List<HandoverRecord> kept) {
    long dayEnd = Ticks.startOfNextLondonDay(t);
    double lost = daySum == null ? 0 : daySum;
    for (HandoverRecord s : kept) {
      if (s.handedOver() && s.endMs() > t && s.endMs() < dayEnd) {
        lost -= lostMs(s);
      }
    }
    return Math.max(0, lost);
  }
}
