package uk.ambulance.ops.jobs.window;

import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Where a calendar window keeps an entry: in the bucket of one tick, {@code (K - tick, K]} under
 * key {@code K}, so that the point at tick {@code T} counts the buckets up to {@code T}. The one
 * exception is an entry at a period's very first millisecond, which shares its tick's bucket with
 * the previous period's last moments: it is kept under {@code start + 1} (ticks are whole multiples
 * of the tick, so such a key cannot be a tick's) and first written at the tick after the start.
 */
final class PeriodBuckets {
  private final CalendarPeriod period;
  private final long tickMs;

  PeriodBuckets(CalendarPeriod period, long tickMs) {
    this.period = period;
    this.tickMs = tickMs;
  }

  long keyOf(long timeMs) {
    long start = period.startOf(timeMs);
    return timeMs == start ? start + 1 : Ticks.atOrAfter(timeMs, tickMs);
  }

  boolean isStartKey(long key) {
    return Math.floorMod(key, tickMs) == 1;
  }

  /** The start of the period a key's entries belong to. */
  long periodOf(long key) {
    return isStartKey(key) ? key - 1 : period.startOf(key - 1);
  }

  /** The tick at which a key's entries are first written. */
  long tickOf(long key) {
    return isStartKey(key) ? key - 1 + tickMs : key;
  }

  /** Whether {@code tick} is a period boundary: its point is the new period's empty opening. */
  boolean isPeriodStart(long tick) {
    return period.startOf(tick) == tick;
  }
}
