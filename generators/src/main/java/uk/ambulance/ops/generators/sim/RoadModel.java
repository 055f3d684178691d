package uk.ambulance.ops.generators.sim;

import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.generators.geo.Geo;

/**
 * Travel times on London's roads: straight-line distance times a road factor, at a speed that
 * depends on the hour (rush hours are slow, nights fast), on blue lights or not, plus the time to
 * get going. Dispatch compares estimates; the vehicle then takes the estimate with some noise, as
 * real journeys do.
 */
final class RoadModel {
  private final SimSettings.Roads roads;
  private final SimSettings.Dispatch dispatch;
  private final LocalTime clock = new LocalTime();

  RoadModel(SimSettings.Roads roads, SimSettings.Dispatch dispatch) {
    this.roads = roads;
    this.dispatch = dispatch;
  }

  double roadFactor() {
    return roads.roadFactor();
  }

  /** Estimated milliseconds from one place to another, leaving at {@code time}. */
  long estimate(
      double fromLat,
      double fromLon,
      double toLat,
      double toLon,
      long time,
      boolean blueLights,
      VehicleType type,
      boolean mobilise,
      boolean atStation) {
    double km = Geo.distanceKm(fromLat, fromLon, toLat, toLon) * roads.roadFactor();
    double kmh = (blueLights ? roads.blueLightKmh() : roads.normalKmh());
    kmh *= roads.hourSpeedFactor()[clock.hour(time)];
    if (type != VehicleType.DCA) {
      kmh *= roads.responseCarSpeedFactor();
    }
    double seconds = km / kmh * 3600;
    if (mobilise) {
      seconds += atStation ? dispatch.mobiliseSecondsAtStation() : dispatch.mobiliseSecondsMobile();
    }
    return Math.round(seconds * 1000);
  }

  /** The journey as driven: the estimate with log-normal noise. */
  long actual(long estimate, Rng rng) {
    return Math.max(
        1000, Math.round(estimate * Math.exp(roads.travelNoiseSigma() * rng.gaussian())));
  }
}
