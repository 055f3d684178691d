package uk.ambulance.ops.jobs.waiting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * The stretches of waiting one queue (category and area) knows, and what they say at a tick. A
 * stretch is {clock start, from, end}; state written before stretches existed holds {clock start,
 * end}, a stretch from the clock start.
 *
 * <p>The ticks a queue writes depend only on its stretches: every tick a stretch covers, and the
 * first tick at or after its end, which counts it no longer (so a queue that empties writes a
 * zero).
 *
 * <p>A queue keeps the stretches that ended within the allowed lateness (hours of them) so that a
 * late change can rewrite the ticks they covered, and in a replay it learns of waits well before
 * event time reaches them. The tick the timer is at reads only the {@code active} stretches (begun,
 * and not yet written for the last time), a handful; stretches still to begin wait in {@code
 * pending}, in order of their first tick. So a tick costs what waits now, not what waited in the
 * last hours or will wait in the next. Only a rewrite of ticks behind it reads them all.
 */
final class WaitingStretches {
  private final long tickMs;
  private final Map<String, long[]> all = new HashMap<>();

  /** Stretches with first tick at or before the horizon and last tick at or after it. */
  private final Map<String, long[]> active = new HashMap<>();

  /** Stretches whose first tick is after the horizon, by first tick. */
  private final TreeMap<Long, Map<String, long[]>> pending = new TreeMap<>();

  /** The tick the timer is at: the one that {@link #active} is for. */
  private long horizon = Long.MIN_VALUE;

  /** The earliest end among all stretches, or MAX; unknown (null) after that one went. */
  private Long earliestEnd = Long.MAX_VALUE;

  WaitingStretches(long tickMs) {
    this.tickMs = tickMs;
  }

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

  long[] get(String id) {
    return all.get(id);
  }

  void put(String id, long[] stretch) {
    remove(id);
    all.put(id, stretch);
    place(id, stretch);
    if (earliestEnd != null) {
      earliestEnd = Math.min(earliestEnd, end(stretch));
    }
  }

  private void place(String id, long[] stretch) {
    long first = firstTick(stretch, tickMs);
    if (first > horizon) {
      pending.computeIfAbsent(first, f -> new HashMap<>()).put(id, stretch);
    } else if (lastTick(stretch, tickMs) >= horizon) {
      active.put(id, stretch);
    }
  }

  void remove(String id) {
    long[] gone = all.remove(id);
    if (gone == null) {
      return;
    }
    active.remove(id);
    Map<String, long[]> starting = pending.get(firstTick(gone, tickMs));
    if (starting != null && starting.remove(id) != null && starting.isEmpty()) {
      pending.remove(firstTick(gone, tickMs));
    }
    if (earliestEnd != null && end(gone) == earliestEnd) {
      earliestEnd = null;
    }
  }

  /**
   * The timer is at {@code tick}: stretches that begin by it become active, and those written for
   * the last time before it are no longer.
   */
  void moveTo(long tick) {
    if (tick <= horizon) {
      return;
    }
    horizon = tick;
    active.values().removeIf(s -> lastTick(s, tickMs) < horizon);
    while (!pending.isEmpty() && pending.firstKey() <= horizon) {
      pending.pollFirstEntry().getValue().forEach(this::place);
    }
  }

  /** The stretches a tick can read: the active ones at the horizon, all of them elsewhere. */
  private Iterable<long[]> readableAt(long tick) {
    return tick == horizon ? active.values() : all.values();
  }

  boolean covers(long tick) {
    for (long[] s : readableAt(tick)) {
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
    // A stretch waiting at the tick ends after it, so its last tick is not before it.
    for (long[] s : readableAt(tick)) {
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
  long nextTickAfter(long tick) {
    if (tick == horizon) {
      // Active stretches have begun; of those still to begin, the first is enough.
      for (long[] s : active.values()) {
        if (lastTick(s, tickMs) > tick) {
          return tick + tickMs;
        }
      }
      return pending.isEmpty() ? Long.MAX_VALUE : Math.max(tick + tickMs, pending.firstKey());
    }
    long next = Long.MAX_VALUE;
    for (long[] s : all.values()) {
      if (lastTick(s, tickMs) > tick) {
        next = Math.min(next, Math.max(tick + tickMs, firstTick(s, tickMs)));
      }
    }
    return next;
  }

  /** Forgets the stretches that ended at or before {@code limit}; returns their ids. */
  List<String> endedAtOrBefore(long limit) {
    List<String> ended = new ArrayList<>();
    if (earliestEnd() > limit) {
      return ended;
    }
    for (Map.Entry<String, long[]> e : all.entrySet()) {
      if (end(e.getValue()) <= limit) {
        ended.add(e.getKey());
      }
    }
    ended.forEach(this::remove);
    return ended;
  }

  /** The earliest end among the stretches, or MAX. */
  long earliestEnd() {
    if (earliestEnd == null) {
      long earliest = Long.MAX_VALUE;
      for (long[] s : all.values()) {
        earliest = Math.min(earliest, end(s));
      }
      earliestEnd = earliest;
    }
    return earliestEnd;
  }

  boolean isEmpty() {
    return all.isEmpty();
  }
}
