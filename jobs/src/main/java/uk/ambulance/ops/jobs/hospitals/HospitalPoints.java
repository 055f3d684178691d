package uk.ambulance.ops.jobs.hospitals;

import java.util.Arrays;
import java.util.List;
import uk.ambulance.ops.events.Metrics.Handovers;
import uk.ambulance.ops.events.Metrics.HospitalCapacity;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;

/** Turns a hospital's stays and status into {@code handovers} and {@code hospital_capacity}. */
final class HospitalPoints {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  private HospitalPoints() {}

  static InfluxPoint handovers(
      String hospital,
      long t,
      List<HandoverRecord> stays,
      double lostMsToday,
      long releaseAfterMs,
      CentileDefinition centile) {
    long waiting = 0;
    long longestMs = 0;
    long releaseDue = 0;
    long[] durations = new long[stays.size()];
    int n = 0;
    for (HandoverRecord s : stays) {
      if (s.waitingAt(t)) {
        waiting++;
        longestMs = Math.max(longestMs, t - s.arrivedMs());
        if (t - s.arrivedMs() >= releaseAfterMs) {
          releaseDue++;
        }
      }
      if (s.handedOver() && s.endMs() > t - HOUR && s.endMs() <= t) {
        durations[n++] = s.handoverMs();
      }
    }
    Arrays.sort(durations, 0, n);
    long sum = 0;
    long over30 = 0;
    long over60 = 0;
    long released = 0;
    for (int i = 0; i < n; i++) {
      sum += durations[i];
      over30 += durations[i] > 30 * MINUTE ? 1 : 0;
      over60 += durations[i] > 60 * MINUTE ? 1 : 0;
      released += durations[i] >= releaseAfterMs ? 1 : 0;
    }
    InfluxPoint.Builder b =
        InfluxPoint.builder(Handovers.MEASUREMENT, t)
            .tag(Handovers.TAG_HOSPITAL, hospital)
            .field(Handovers.WAITING, waiting)
            .field(Handovers.LONGEST_WAIT_S, longestMs / 1000.0)
            .field(Handovers.RELEASE_DUE, releaseDue)
            .field(Handovers.HANDOVERS_1H, (long) n)
            .field(Handovers.OVER_30, over30)
            .field(Handovers.OVER_60, over60)
            .field(Handovers.RELEASED_45, released)
            .field(Handovers.LOST_HOURS_TODAY, lostMsToday / HOUR);
    if (n > 0) {
      b.field(Handovers.MEAN_S, sum / 1000.0 / n)
          .field(Handovers.P90_S, centile.of(durations, n, 0.9) / 1000.0)
          .field(Handovers.P90_DEFINITION, centile.label());
    }
    return b.build();
  }

  static InfluxPoint capacity(String hospital, long t, HospitalStatus s, long arrivalsOnDivert) {
    return InfluxPoint.builder(HospitalCapacity.MEASUREMENT, t)
        .tag(HospitalCapacity.TAG_HOSPITAL, hospital)
        .field(HospitalCapacity.ED_OCCUPANCY_PCT, s.edOccupancyPct())
        .field(HospitalCapacity.BEDS_AVAILABLE, (long) s.bedsAvailable())
        .field(HospitalCapacity.OPEL_LEVEL, (long) s.opelLevel())
        .field(HospitalCapacity.DIVERT, s.divert() ? 1L : 0L)
        .field(HospitalCapacity.ARRIVALS_ON_DIVERT_1H, arrivalsOnDivert)
        .field(HospitalCapacity.STATUS_AGE_S, (t - s.timeMillis()) / 1000.0)
        .build();
  }
}
