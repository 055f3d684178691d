package uk.ambulance.ops.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A vehicle's location and status, as carried on {@code avl.positions}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VehiclePosition(
    String eventId,
    String vehicleId,
    Instant time,
    double lat,
    double lon,
    VehicleStatus status,
    VehicleType vehicleType,
    boolean transportCapable,
    Double speedKmh,
    Double headingDeg,
    String incidentId,
    String stationId) {

  public long timeMillis() {
    return time.toEpochMilli();
  }
}
