package uk.ambulance.ops.jobs.demand;

/**
 * A 999 call as demand sees it: when, which area, which H3 resolution-8 cell. No incident
 * identifier and no exact location travel further than this.
 */
public record Call(long timeMs, String area, String cell) {}
