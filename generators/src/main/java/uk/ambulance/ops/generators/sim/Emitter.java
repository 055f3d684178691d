package uk.ambulance.ops.generators.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.VehiclePosition;

/**
 * Turns what happens in the simulation into contract records with unique, reproducible ids. Ids
 * carry a run tag (start minute and seed), so two different runs published to the same topics do
 * not collide, while the same run repeated gives the same ids.
 */
final class Emitter {
  private final SimOutput out;
  private final String runTag;
  private final RoadModel roads;
  private long vehicleSeq;
  private long hospitalSeq;
  private boolean avlSuppressed;

  Emitter(SimOutput out, Instant start, long seed, RoadModel roads) {
    this.out = out;
    this.roads = roads;
    this.runTag =
        DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC).format(start)
            + Long.toString(Math.abs(seed % 1_679_616), 36);
  }

  String incidentId(long seq) {
    return "INC-" + runTag + "-" + String.format("%06d", seq);
  }

  private static String eventId(Incident inc) {
    return inc.id + "-" + (++inc.eventSeq);
  }

  private static Instant at(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  void callConnected(Incident inc) {
    out.incident(
        IncidentEvent.callConnected(
            eventId(inc), inc.id, at(inc.connectedAt), inc.lat, inc.lon, inc.area));
  }

  void categorised(Incident inc, long time) {
    out.incident(IncidentEvent.categorised(eventId(inc), inc.id, at(time), inc.category()));
  }

  void resource(Incident inc, IncidentEventType type, Vehicle v, long time) {
    out.incident(
        IncidentEvent.resource(
            eventId(inc), inc.id, type, at(time), v.id, v.type, v.transportCapable));
  }

  void vehicleStep(Incident inc, IncidentEventType type, Vehicle v, String hospitalId, long time) {
    out.incident(IncidentEvent.vehicleStep(eventId(inc), inc.id, type, at(time), v.id, hospitalId));
  }

  void closed(Incident inc, Outcome outcome, long time) {
    out.incident(IncidentEvent.closed(eventId(inc), inc.id, at(time), outcome));
  }

  boolean wantsPositions() {
    return out.wantsVehiclePositions() && !avlSuppressed;
  }

  /** The AVL feed goes quiet (outage scenario) or comes back. */
  void suppressPositions(boolean suppressed) {
    this.avlSuppressed = suppressed;
  }

  void position(Vehicle v, long time) {
    if (!wantsPositions()) {
      return;
    }
    boolean moving = v.isMoving(time);
    out.vehicle(
        new VehiclePosition(
            "AVL-" + runTag + "-" + (++vehicleSeq),
            v.id,
            at(time),
            round6(v.lat(time)),
            round6(v.lon(time)),
            v.status,
            v.type,
            v.transportCapable,
            moving ? Math.round(v.speedKmh(time, roads.roadFactor()) * 10) / 10.0 : 0.0,
            moving ? Math.round(v.headingDeg()) * 1.0 : null,
            v.incident == null ? null : v.incident.id,
            v.home.id()));
  }

  void hospital(EdState ed, long time, double occupancyPct, int beds, int opel, boolean divert) {
    out.hospital(
        new HospitalStatus(
            "HSP-" + runTag + "-" + (++hospitalSeq),
            ed.ed.id(),
            at(time),
            ed.ed.name(),
            ed.ed.lat(),
            ed.ed.lon(),
            Math.round(occupancyPct * 10) / 10.0,
            beds,
            opel,
            divert));
  }

  static double round6(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }
}
