package uk.ambulance.ops.jobs.fleet;

import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;

/**
 * One vehicle entering ({@code delta} +1) or leaving (-1) a count of the fleet at {@code timeMs}:
 * its area, status and type, and whether its feed is silent. {@code area} is an area code or ALL.
 */
public record FleetChange(
    String area,
    VehicleStatus status,
    VehicleType vehicleType,
    boolean silent,
    int delta,
    long timeMs) {

  public FleetChange inScope(String scope) {
    return new FleetChange(scope, status, vehicleType, silent, delta, timeMs);
  }
}
