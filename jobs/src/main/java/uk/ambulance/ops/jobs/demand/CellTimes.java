package uk.ambulance.ops.jobs.demand;

import java.util.Arrays;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * The recent call times of one cell, an unordered array (a cell has a few calls an hour): how many
 * are in a window ending at a tick, and the next tick where that number can change.
 */
final class CellTimes {
  private CellTimes() {}

  /** The times in {@code (t - spanMs, t]}. */
  static long count(long[] times, long t, long spanMs) {
    long n = 0;
    if (times != null) {
      for (long time : times) {
        n += time > t - spanMs && time <= t ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * The first tick after {@code t} at which a time enters {@code (tick - spanMs, tick]} (its own
   * tick) or leaves it (the tick a span later); {@code Long.MAX_VALUE} when none does.
   */
  static long nextChange(long[] times, long t, long spanMs, long tickMs) {
    long next = Long.MAX_VALUE;
    if (times != null) {
      for (long time : times) {
        long enters = Ticks.atOrAfter(time, tickMs);
        long leaves = Ticks.atOrAfter(time + spanMs, tickMs);
        next = Math.min(next, enters > t ? enters : leaves > t ? leaves : Long.MAX_VALUE);
      }
    }
    return next;
  }

  /** The times after {@code cutoff}; null when none is. */
  static long[] after(long[] times, long cutoff) {
    if (times == null) {
      return null;
    }
    int kept = 0;
    long[] out = new long[times.length];
    for (long time : times) {
      if (time > cutoff) {
        out[kept++] = time;
      }
    }
    return kept == 0 ? null : kept == times.length ? times : Arrays.copyOf(out, kept);
  }

  /** The times with one more. */
  static long[] plus(long[] times, long time) {
    if (times == null) {
      return new long[] {time};
    }
    long[] out = Arrays.copyOf(times, times.length + 1);
    out[times.length] = time;
    return out;
  }
}
