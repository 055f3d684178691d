package uk.ambulance.ops.events.geo;

import uk.ambulance.ops.events.model.Area;

/** A London borough (or the City): where its people are centred, how many, which LAS area. */
public record Borough(String name, double lat, double lon, int population, Area area) {}
