package uk.ambulance.ops.events.model;

import java.time.Instant;

/** An emergency department's capacity, as carried on {@code hospital.status}. */
public record HospitalStatus(
    String eventId,
    String hospitalId,
    Instant time,
    String name,
    double lat,
    double lon,
    double edOccupancyPct,
    int bedsAvailable,
    int opelLevel,
    boolean divert) {

  public long timeMillis() {
    return time.toEpochMilli();
  }
}
