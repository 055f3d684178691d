package uk.ambulance.ops.jobs.demand;

/**
 * A cell's counts as of {@code tick}, sent only at the ticks where they change: its calls in the
 * hotspot window ({@code window}) and in the major-incident window ({@code minutes}), and the calls
 * of the cell and its six neighbours in the major-incident window ({@code disk}).
 */
public record CellCountChange(String cell, long tick, long window, long minutes, long disk) {

  /** Whether the cell can be flagged at all, whatever its expectation. */
  boolean canBeFlagged(DemandSettings settings) {
    return window >= settings.hotspotMinCalls()
        || (minutes > 0 && disk >= settings.majorIncidentMinCalls());
  }
}
