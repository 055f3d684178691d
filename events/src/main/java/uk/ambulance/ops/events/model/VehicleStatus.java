package uk.ambulance.ops.events.model;

/** Vehicle status on {@code avl.positions}. */
public enum VehicleStatus {
  AVAILABLE,
  ASSIGNED,
  ON_SCENE,
  CONVEYING,
  AT_HOSPITAL,
  OFF_DUTY
}
