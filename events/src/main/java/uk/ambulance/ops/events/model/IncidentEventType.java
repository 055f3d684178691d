package uk.ambulance.ops.events.model;

/** The steps of an incident's life on {@code cad.incidents}. */
public enum IncidentEventType {
  CALL_CONNECTED,
  CATEGORISED,
  RESOURCE_ASSIGNED,
  RESOURCE_ARRIVED,
  LEFT_SCENE,
  ARRIVED_HOSPITAL,
  HANDOVER_COMPLETE,
  RESOURCE_CLEAR,
  CLOSED
}
