package uk.ambulance.ops.jobs.waiting;

import uk.ambulance.ops.events.Metrics.CallsWaiting;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/** The {@code calls_waiting} point of a {@code category|area} key at a tick. */
final class WaitingPoints {
  private WaitingPoints() {}

  static InfluxPoint point(String key, long tick, WaitingStretches.Reading reading) {
    int separator = key.indexOf('|');
    InfluxPoint.Builder point =
        InfluxPoint.builder(CallsWaiting.MEASUREMENT, tick)
            .tag(CallsWaiting.TAG_CATEGORY, key.substring(0, separator))
            .tag(CallsWaiting.TAG_AREA, key.substring(separator + 1))
            .field(CallsWaiting.WAITING, (long) reading.waiting());
    if (reading.waiting() > 0) {
      point.field(CallsWaiting.OLDEST_WAIT_S, (tick - reading.oldestStartMs()) / 1000.0);
    }
    return point.build();
  }
}
