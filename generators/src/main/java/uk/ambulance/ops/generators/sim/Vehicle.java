package uk.ambulance.ops.generators.sim;

import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.generators.geo.Geo;
import uk.ambulance.ops.generators.geo.Station;

/**
 * One vehicle and its crew. It moves in straight legs between places at the speed the road model
 * gave the leg; {@link #task} counts the jobs it has been given, so that a scheduled step of a job
 * it was taken off can see it is stale and do nothing.
 */
final class Vehicle {
  final String id;
  final int index;
  final VehicleType type;
  final boolean transportCapable;
  final Station home;

  VehicleStatus status = VehicleStatus.OFF_DUTY;
  boolean onDuty;
  boolean goOffDutyWhenFree;
  Incident incident;
  int task;

  private double fromLat;
  private double fromLon;
  private double toLat;
  private double toLon;
  private long departAt;
  private long arriveAt;

  Vehicle(String id, int index, VehicleType type, boolean transportCapable, Station home) {
    this.id = id;
    this.index = index;
    this.type = type;
    this.transportCapable = transportCapable;
    this.home = home;
    park(home.lat(), home.lon(), 0);
  }

  boolean isDispatchable() {
    return onDuty && !goOffDutyWhenFree && status == VehicleStatus.AVAILABLE;
  }

  /** Stays at a place from {@code time}. */
  void park(double lat, double lon, long time) {
    fromLat = lat;
    fromLon = lon;
    toLat = lat;
    toLon = lon;
    departAt = time;
    arriveAt = time;
  }

  /** Starts a leg from where it is now to the given place, arriving at {@code arrival}. */
  void driveTo(double lat, double lon, long now, long arrival) {
    fromLat = lat(now);
    fromLon = lon(now);
    toLat = lat;
    toLon = lon;
    departAt = now;
    arriveAt = Math.max(now, arrival);
  }

  long arriveAt() {
    return arriveAt;
  }

  boolean isMoving(long time) {
    return time < arriveAt && time >= departAt;
  }

  private double progress(long time) {
    if (time >= arriveAt || arriveAt == departAt) {
      return 1;
    }
    return Math.max(0, (double) (time - departAt) / (arriveAt - departAt));
  }

  double lat(long time) {
    return fromLat + (toLat - fromLat) * progress(time);
  }

  double lon(long time) {
    return fromLon + (toLon - fromLon) * progress(time);
  }

  /** Average road speed of the current leg while moving, else zero. */
  double speedKmh(long time, double roadFactor) {
    if (!isMoving(time)) {
      return 0;
    }
    double km = Geo.distanceKm(fromLat, fromLon, toLat, toLon) * roadFactor;
    return km / ((arriveAt - departAt) / 3_600_000.0);
  }

  double headingDeg() {
    return Geo.bearingDeg(fromLat, fromLon, toLat, toLon);
  }
}
