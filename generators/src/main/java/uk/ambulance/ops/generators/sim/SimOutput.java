package uk.ambulance.ops.generators.sim;

import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.generators.truth.GroundTruth;

/**
 * Where the simulation hands what happens, in simulated-time order: the three contract streams and
 * the ground truth of each incident as it closes.
 */
public interface SimOutput {
  void incident(IncidentEvent event);

  void vehicle(VehiclePosition position);

  void hospital(HospitalStatus status);

  void truth(GroundTruth truth);

  /** False lets a caller that only wants incidents skip the cost of the position feed. */
  default boolean wantsVehiclePositions() {
    return true;
  }
}
