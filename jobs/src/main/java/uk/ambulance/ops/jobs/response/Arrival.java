package uk.ambulance.ops.jobs.response;

/** A vehicle arriving on scene (or at the rendezvous point). */
public record Arrival(long timeMs, String vehicleId, boolean transportCapable) {}
