package uk.ambulance.ops.jobs.response;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.VehicleType;

/** Builds the events of one incident for tests, times given as seconds after a base instant. */
public final class Incidents {
  public static final Instant BASE = Instant.parse("2026-04-06T10:00:00Z");
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String incidentId;

  public Incidents(String incidentId) {
    this.incidentId = incidentId;
  }

  public static Instant at(long seconds) {
    return BASE.plusSeconds(seconds);
  }

  private String nextId() {
    return incidentId + "-e" + IDS.incrementAndGet();
  }

  public IncidentEvent connected(long s, Area area) {
    return IncidentEvent.callConnected(nextId(), incidentId, at(s), 51.5, -0.12, area);
  }

  public IncidentEvent categorised(long s, Category c) {
    return IncidentEvent.categorised(nextId(), incidentId, at(s), c);
  }

  public IncidentEvent assigned(long s, String vehicle, boolean transportCapable) {
    return IncidentEvent.resource(
        nextId(),
        incidentId,
        IncidentEventType.RESOURCE_ASSIGNED,
        at(s),
        vehicle,
        transportCapable ? VehicleType.DCA : VehicleType.FRU,
        transportCapable);
  }

  public IncidentEvent arrived(long s, String vehicle, boolean transportCapable) {
    return IncidentEvent.resource(
        nextId(),
        incidentId,
        IncidentEventType.RESOURCE_ARRIVED,
        at(s),
        vehicle,
        transportCapable ? VehicleType.DCA : VehicleType.FRU,
        transportCapable);
  }

  public IncidentEvent leftScene(long s, String vehicle, String hospital) {
    return IncidentEvent.vehicleStep(
        nextId(), incidentId, IncidentEventType.LEFT_SCENE, at(s), vehicle, hospital);
  }

  public IncidentEvent closed(long s, Outcome outcome) {
    return IncidentEvent.closed(nextId(), incidentId, at(s), outcome);
  }
}
