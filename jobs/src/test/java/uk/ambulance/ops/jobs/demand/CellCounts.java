package uk.ambulance.ops.jobs.demand;

import java.util.List;

/** A cell's calls as of a tick: in the hotspot window and in the major-incident window. */
record CellCounts(long window, long minutes) {

  /** The calls among {@code times} in {@code (t - windowMs, t]} and {@code (t - minutesMs, t]}. */
  static CellCounts of(List<Long> times, long t, long windowMs, long minutesMs) {
    long window = 0;
    long minutes = 0;
    for (long time : times) {
      window += time > t - windowMs && time <= t ? 1 : 0;
      minutes += time > t - minutesMs && time <= t ? 1 : 0;
    }
    return new CellCounts(window, minutes);
  }

  boolean any() {
    return window > 0 || minutes > 0;
  }
}
