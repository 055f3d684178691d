package uk.ambulance.ops.jobs.demand;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import uk.ambulance.ops.jobs.state.KeyedStates;

/**
 * A keyed operator's calls per clock hour and the {@link SeasonalBaseline} they fold into. An hour
 * folds once the operator's time has passed its end; hours without calls fold in as zero, so that a
 * quiet night lowers its slots as much as a busy one raises them.
 */
final class HourlyCalls {
  private static final long HOUR = 3_600_000L;

  /** Hours folded at most in one go after a long gap; older hours say nothing about now. */
  private static final int MAX_HOURS_TO_FOLD = 8 * 168;

  private final double weight;
  private final MapState<Long, Long> counts;
  private final ValueState<SeasonalBaseline> baseline;

  HourlyCalls(KeyedStates states, double weight) {
    this.weight = weight;
    this.counts = states.map("hour-counts", Types.LONG, Types.LONG);
    this.baseline = states.value("baseline", TypeInformation.of(SeasonalBaseline.class));
  }

  /** Counts a call towards its hour, unless that hour has already been folded. */
  void count(long timeMs) throws Exception {
    long hour = Math.floorDiv(timeMs, HOUR) * HOUR;
    SeasonalBaseline b = baseline.value();
    if (b != null && hour <= b.foldedUpTo) {
      return;
    }
    Long n = counts.get(hour);
    counts.put(hour, n == null ? 1 : n + 1);
  }

  /**
   * The baseline with every hour that ended by {@code t} folded in; {@code priorPerHour} in every
   * slot if there was none yet.
   */
  SeasonalBaseline baselineAsOf(long t, double priorPerHour) throws Exception {
    SeasonalBaseline b = baseline.value();
    if (b == null) {
      b = SeasonalBaseline.startingAt(priorPerHour);
    }
    long lastComplete = Math.floorDiv(t, HOUR) * HOUR - HOUR;
    List<Long> known = new ArrayList<>();
    counts.keys().forEach(known::add);
    long first = b.foldedUpTo == Long.MIN_VALUE ? Long.MAX_VALUE : b.foldedUpTo + HOUR;
    for (long h : known) {
      first = Math.min(first, h);
    }
    first = Math.max(first, lastComplete - (MAX_HOURS_TO_FOLD - 1) * HOUR);
    boolean changed = false;
    for (long h = first; h <= lastComplete; h += HOUR) {
      Long n = counts.get(h);
      b.fold(h, n == null ? 0 : n, weight);
      changed = true;
    }
    for (long h : known) {
      if (h <= lastComplete) {
        counts.remove(h);
      }
    }
    if (changed || baseline.value() == null) {
      baseline.update(b);
    }
    return b;
  }
}
