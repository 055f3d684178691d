package uk.ambulance.ops.jobs.waiting;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * The stretches of waiting one queue (category and area) knows, and what they say at a tick. A
 * stretch is {clock start, from, end}; state written before stretches existed holds {clock start,
 * end}, a stretch from the clock start.
 *
 * <p>The ticks a queue writes depend only on its stretches: every tick a stretch covers, and the
 * first tick at or after its end, which counts it no longer (so a queue that empties writes a
 * zero).
 */
final class WaitingStretches {
  final Map<String, long[]> byId = new HashMap<>();

  /**
   * What a queue reads at a tick: how many wait, since when the oldest, how many have waited longer
   * than the standard and than half of it (strictly), and their waits so far added up.
   */
  record Reading(
      int waiting, long oldestStartMs, int overStandard, int overHalfStandard, long totalWaitMs) {}

  static long clockStart(long[] s) {
    return s[0];
  }

  static long from(long[] s) {
    return s.length == 2 ? s[0] : s[1];
  }

  static long end(long[] s) {
    return s.length == 2 ? s[1] : s[2];
  }

  /** The first tick a stretch is written at. */
  static long firstTick(long[] s, long tickMs) {
    return Ticks.atOrAfter(from(s), tickMs);
  }

  /** The last tick a stretch is written at (counting it no longer), or MAX while it is open. */
  static long lastTick(long[] s, long tickMs) {
    long end = end(s);
    return end > Long.MAX_VALUE - tickMs ? Long.MAX_VALUE : Ticks.atOrAfter(end, tickMs);
  }

  boolean covers(long tick, long tickMs) {
    for (long[] s : byId.values()) {
      if (firstTick(s, tickMs) <= tick && tick <= lastTick(s, tickMs)) {
        return true;
      }
    }
    return false;
  }

  /** The queue at a tick; {@code standardMs} is the category's 90th-centile standard. */
  Reading at(long tick, long standardMs) {
    int waiting = 0;
    long oldest = Long.MAX_VALUE;
    int over = 0;
    int overHalf = 0;
    long total = 0;
    for (long[] s : byId.values()) {
      if (from(s) <= tick && tick < end(s)) {
        waiting++;
        oldest = Math.min(oldest, clockStart(s));
        long waited = tick - clockStart(s);
        total += waited;
        over += waited > standardMs ? 1 : 0;
        overHalf += 2 * waited > standardMs ? 1 : 0;
      }
    }
    return new Reading(waiting, oldest, over, overHalf, total);
  }

  /**
   * The next tick after {@code tick} that some stretch covers, or MAX: a stretch that ends at or
   * before {@code tick} needs no more ticks.
   */
  long nextTickAfter(long tick, long tickMs) {
    long next = Long.MAX_VALUE;
    for (long[] s : byId.values()) {
      if (lastTick(s, tickMs) > tick) {
        next = Math.min(next, Math.max(tick + tickMs, firstTick(s, tickMs)));
      }
    }
    return next;
  }

  /** Forgets the stretches that ended at or before {@code limit}; returns their ids. */
  Iterable<String> endedAtOrBefore(long limit) {
    java.util.List<String> ended = new java.util.ArrayList<>();
    for (Iterator<Map.Entry<String, long[]>> it = byId.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, long[]> e = it.next();
      if (end(e.getValue()) <= limit) {
        ended.add(e.getKey());
        it.remove();
      }
    }
    return ended;
  }

  /** The earliest end among the stretches, or MAX. */
  long earliestEnd() {
    long earliest = Long.MAX_VALUE;
    for (long[] s : byId.values()) {
      earliest = Math.min(earliest, end(s));
    }
    return earliest;
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }
}
