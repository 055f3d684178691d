package uk.ambulance.ops.generators.geo;

/** An ambulance station: where vehicles start their shift and return to between jobs. */
public record Station(String id, String name, double lat, double lon) implements Place {}
