package uk.ambulance.ops.generators.geo;

/**
 * A Type 1 emergency department. {@code cubicles} sizes its capacity: occupancy is patients in the
 * department over cubicles, so bigger departments absorb the same conveyances with less pressure.
 */
public record EmergencyDepartment(String id, String name, double lat, double lon, int cubicles)
    implements Place {}
