package uk.ambulance.ops.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step of an incident's life, as carried on {@code cad.incidents}. Fields that a step does not
 * carry are null; {@link uk.ambulance.ops.events.json.IncidentEventParser} guarantees that every
 * field a step requires is present, so downstream code may rely on it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentEvent(
    String eventId,
    String incidentId,
    IncidentEventType type,
    Instant time,
    Double lat,
    Double lon,
    Area area,
    Category category,
    String vehicleId,
    VehicleType vehicleType,
    Boolean transportCapable,
    String hospitalId,
    Outcome outcome) {

  public long timeMillis() {
    return time.toEpochMilli();
  }

  public static IncidentEvent callConnected(
      String eventId, String incidentId, Instant time, double lat, double lon, Area area) {
    return new IncidentEvent(
        eventId,
        incidentId,
        IncidentEventType.CALL_CONNECTED,
        time,
        lat,
        lon,
        area,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static IncidentEvent categorised(
      String eventId, String incidentId, Instant time, Category category) {
    return new IncidentEvent(
        eventId,
        incidentId,
        IncidentEventType.CATEGORISED,
        time,
        null,
        null,
        null,
        category,
        null,
        null,
        null,
        null,
        null);
  }

  /** {@link IncidentEventType#RESOURCE_ASSIGNED} or {@link IncidentEventType#RESOURCE_ARRIVED}. */
  public static IncidentEvent resource(
      String eventId,
      String incidentId,
      IncidentEventType type,
      Instant time,
      String vehicleId,
      VehicleType vehicleType,
      boolean transportCapable) {
    if (type != IncidentEventType.RESOURCE_ASSIGNED && type != IncidentEventType.RESOURCE_ARRIVED) {
      throw new IllegalArgumentException("not a resource step: " + type);
    }
    return new IncidentEvent(
        eventId,
        incidentId,
        type,
        time,
        null,
        null,
        null,
        null,
        vehicleId,
        vehicleType,
        transportCapable,
        null,
        null);
  }

  /**
   * {@link IncidentEventType#LEFT_SCENE} (hospitalId optional), {@link
   * IncidentEventType#ARRIVED_HOSPITAL}, {@link IncidentEventType#HANDOVER_COMPLETE} or {@link
   * IncidentEventType#RESOURCE_CLEAR} (hospitalId null).
   */
  public static IncidentEvent vehicleStep(
      String eventId,
      String incidentId,
      IncidentEventType type,
      Instant time,
      String vehicleId,
      String hospitalId) {
    return new IncidentEvent(
        eventId,
        incidentId,
        type,
        time,
        null,
        null,
        null,
        null,
        vehicleId,
        null,
        null,
        hospitalId,
        null);
  }

  public static IncidentEvent closed(
      String eventId, String incidentId, Instant time, Outcome outcome) {
    return new IncidentEvent(
        eventId,
        incidentId,
        IncidentEventType.CLOSED,
        time,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        outcome);
  }
}
