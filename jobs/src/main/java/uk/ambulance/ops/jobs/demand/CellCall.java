package uk.ambulance.ops.jobs.demand;

/**
 * A London call as the counter of one cell sees it: the cell it counts for ({@code centre}), the
 * call's time, and whether the call is in that cell itself ({@code own}) or in one of its six
 * neighbours, where it counts only towards the cell's disk.
 */
public record CellCall(String centre, long timeMs, boolean own) {}
