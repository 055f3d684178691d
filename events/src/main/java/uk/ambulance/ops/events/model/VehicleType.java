package uk.ambulance.ops.events.model;

/** Kind of response vehicle. Whether it can carry a patient is sent explicitly on each record. */
public enum VehicleType {
  /** Double-crewed ambulance: transport-capable. */
  DCA,
  /** Fast response car. */
  FRU,
  MOTORCYCLE,
  CYCLE,
  OTHER
}
