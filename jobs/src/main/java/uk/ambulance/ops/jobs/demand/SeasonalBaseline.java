package uk.ambulance.ops.jobs.demand;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * The calls expected in each hour of the week (London time), learned from the stream: each slot
 * starts at the prior and, each time its hour completes, moves towards that hour's count by a fixed
 * weight (an exponentially weighted mean across weeks). A Flink POJO, kept whole in value state.
 */
public class SeasonalBaseline {
  static final int SLOTS = 7 * 24;
  private static final long HOUR = 3_600_000L;

  /** Expected calls in each hour of the week, Monday 00:00 first. */
  public double[] slots;

  /** The start (UTC millis) of the last hour folded in, or Long.MIN_VALUE. */
  public long foldedUpTo = Long.MIN_VALUE;

  public SeasonalBaseline() {}

  public static SeasonalBaseline startingAt(double perHour) {
    SeasonalBaseline b = new SeasonalBaseline();
    b.slots = new double[SLOTS];
    Arrays.fill(b.slots, perHour);
    return b;
  }

  /** The hour of the week of the hour starting at {@code hourStart} (London hours are whole). */
  static int slotOf(long hourStart) {
    ZonedDateTime local = Instant.ofEpochMilli(hourStart).atZone(Ticks.LONDON);
    return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
  }

  /** Folds a completed hour's count into its slot. */
  public void fold(long hourStart, long calls, double weight) {
    int slot = slotOf(hourStart);
    slots[slot] += weight * (calls - slots[slot]);
    foldedUpTo = hourStart;
  }

  /** Calls expected in (from, to]: each hour's slot in proportion to the part of it covered. */
  public double expected(long from, long to) {
    double sum = 0;
    for (long h = Math.floorDiv(from, HOUR) * HOUR; h < to; h += HOUR) {
      long covered = Math.min(to, h + HOUR) - Math.max(from, h);
      if (covered > 0) {
        sum += slots[slotOf(h)] * covered / HOUR;
      }
    }
    return sum;
  }
}
