package uk.ambulance.ops.jobs.ticks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Event-time ticks: the instants, whole multiples of the tick length, at which live values are
 * written. A value written at tick {@code t} is true at {@code t}: it covers events up to and
 * including {@code t}.
 */
public final class Ticks {
  /** Days and hours of the week are London's, through clock changes. */
  public static final ZoneId LONDON = ZoneId.of("Europe/London");

  private Ticks() {}

  /** The first tick at or after {@code t}. */
  public static long atOrAfter(long t, long tickMs) {
    return Math.floorDiv(t + tickMs - 1, tickMs) * tickMs;
  }

  /** The first tick strictly after {@code t}: the next one a watermark at {@code t} can fire. */
  public static long after(long t, long tickMs) {
    return Math.floorDiv(t, tickMs) * tickMs + tickMs;
  }

  /** Whether {@code t} is a tick. */
  public static boolean isTick(long t, long tickMs) {
    return Math.floorMod(t, tickMs) == 0;
  }

  /** Refuses a tick that does not divide {@code spanMs}: ticks must fall on the span's edges. */
  public static void requireWhole(long spanMs, long tickMs, String message) {
    if (spanMs % tickMs != 0) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The first tick a timer can still fire at, given the operator's watermark, for a value that
   * changes at {@code t}: the tick at or after {@code t}, but never one the watermark has passed.
   */
  public static long next(long t, long watermark, long tickMs) {
    long tick = atOrAfter(t, tickMs);
    // A watermark at the end of time (an input that ended, or a status feed that never holds time
    // back while the others are idle) has no tick after it: the change's own tick, already passed,
    // fires at once instead of overflowing into a time InfluxDB refuses.
    if (watermark == Long.MIN_VALUE || tick > watermark || watermark > Long.MAX_VALUE - tickMs) {
      return tick;
    }
    return after(watermark, tickMs);
  }

  /** The first instant of the London day after the one {@code t} falls in. */
  public static long startOfNextLondonDay(long t) {
    return londonDayOf(t).endMs();
  }

  /** The local (London) date of an instant, as an epoch day. */
  public static long londonDay(long t) {
    return londonDayOf(t).epochDay();
  }

  /** A London day: its date as an epoch day, and its first instant and the next day's. */
  private record LondonDay(long epochDay, long startMs, long endMs) {
    static LondonDay of(long epochDay) {
      return new LondonDay(epochDay, startOf(epochDay), startOf(epochDay + 1));
    }

    private static long startOf(long epochDay) {
      return LocalDate.ofEpochDay(epochDay).atStartOfDay(LONDON).toInstant().toEpochMilli();
    }

    boolean contains(long t) {
      return t >= startMs && t < endMs;
    }
  }

  /** The London day an instant falls in. */
  private static LondonDay londonDayOf(long t) {
    LondonDays days = recent;
    if (days.last().contains(t)) {
      return days.last();
    }
    if (days.before().contains(t)) {
      return days.before();
    }
    LondonDay day = LondonDay.of(LocalDate.ofInstant(Instant.ofEpochMilli(t), LONDON).toEpochDay());
    recent = new LondonDays(day, days.last());
    return day;
  }

  /**
   * The two London days last asked for: every tick of every hospital asks for the day of a time,
   * nearly always today's or (around midnight, with stays that end after it) tomorrow's, and the
   * time-zone rules are slow to consult. Immutable, so threads that race to replace it each see a
   * whole one.
   */
  private record LondonDays(LondonDay last, LondonDay before) {}

  private static volatile LondonDays recent = new LondonDays(LondonDay.of(0), LondonDay.of(0));
}
