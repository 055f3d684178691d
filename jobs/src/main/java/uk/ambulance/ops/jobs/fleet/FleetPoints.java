package uk.ambulance.ops.jobs.fleet;

import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Metrics.Fleet;
import uk.ambulance.ops.events.Metrics.FleetFeed;
import uk.ambulance.ops.events.Metrics.FleetUtilisation;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/** The fleet's points: counts, feed health and unit-hour utilisation. */
final class FleetPoints {
  private static final double HOUR = 3_600_000.0;

  private FleetPoints() {}

  /** Committed to an incident: travelling, on scene, conveying or at hospital. */
  static boolean isBusy(VehicleStatus status) {
    return switch (status) {
      case ASSIGNED, ON_SCENE, CONVEYING, AT_HOSPITAL -> true;
      case AVAILABLE, OFF_DUTY -> false;
    };
  }

  static InfluxPoint fleet(
      String area, VehicleStatus status, VehicleType type, long vehicles, long silent, long t) {
    return InfluxPoint.builder(Fleet.MEASUREMENT, t)
        .tag(Fleet.TAG_AREA, area)
        .tag(Fleet.TAG_STATUS, status.name())
        .tag(Fleet.TAG_VEHICLE_TYPE, type.name())
        .field(Fleet.VEHICLES, vehicles)
        .field(Fleet.SILENT, silent)
        .build();
  }

  static InfluxPoint feed(String area, long onDuty, long silent, boolean outage, long t) {
    return InfluxPoint.builder(FleetFeed.MEASUREMENT, t)
        .tag(FleetFeed.TAG_AREA, area)
        .field(FleetFeed.ON_DUTY, onDuty)
        .field(FleetFeed.SILENT, silent)
        .field(FleetFeed.OUTAGE, outage ? 1L : 0L)
        .build();
  }

  static InfluxPoint utilisation(String area, long onDutyMs, long busyMs, long t) {
    InfluxPoint.Builder b =
        InfluxPoint.builder(FleetUtilisation.MEASUREMENT, t)
            .tag(FleetUtilisation.TAG_AREA, area)
            .tag(FleetUtilisation.TAG_WINDOW, Metrics.WINDOW_1H)
            .field(FleetUtilisation.ON_DUTY_HOURS, onDutyMs / HOUR)
            .field(FleetUtilisation.BUSY_HOURS, busyMs / HOUR);
    if (onDutyMs > 0) {
      b.field(FleetUtilisation.UHU, (double) busyMs / onDutyMs);
    }
    return b.build();
  }
}
