package uk.ambulance.ops.jobs.waiting;

import uk.ambulance.ops.events.Metrics.CallsWaiting;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/** The {@code calls_waiting} point of a {@code category|area} key at a tick. */
final class WaitingPoints {
  private WaitingPoints() {}

  /** The 90th-centile standard of the key's category (every call category has one). */
  static long standardMs(String key) {
    ReportingCategory category = ReportingCategory.valueOf(key.substring(0, key.indexOf('|')));
    return Math.round(category.targetP90Seconds().getAsDouble() * 1000);
  }

  static InfluxPoint point(String key, long tick, WaitingStretches.Reading reading) {
    int separator = key.indexOf('|');
    InfluxPoint.Builder point =
        InfluxPoint.builder(CallsWaiting.MEASUREMENT, tick)
            .tag(CallsWaiting.TAG_CATEGORY, key.substring(0, separator))
            .tag(CallsWaiting.TAG_AREA, key.substring(separator + 1))
            .field(CallsWaiting.WAITING, (long) reading.waiting())
            .field(CallsWaiting.OVER_P90_STANDARD, (long) reading.overStandard())
            .field(CallsWaiting.OVER_HALF_P90_STANDARD, (long) reading.overHalfStandard())
            .field(CallsWaiting.TOTAL_WAIT_S, reading.totalWaitMs() / 1000.0);
    if (reading.waiting() > 0) {
      point.field(CallsWaiting.OLDEST_WAIT_S, (tick - reading.oldestStartMs()) / 1000.0);
    }
    return point.build();
  }
}
