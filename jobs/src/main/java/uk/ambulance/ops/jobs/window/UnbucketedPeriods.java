package uk.ambulance.ops.jobs.window;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import uk.ambulance.ops.jobs.state.KeyedStates;

/**
 * State written by versions of {@link PeriodWindowFunction} before buckets: entries per period
 * start, no time within it, and the time of their tick timer. The first time a key is seen after a
 * restore, each period's entries go to its first bucket, so every point from then on counts them
 * (points already written do not move).
 */
final class UnbucketedPeriods<E> {
  private final MapState<Long, List<E>> periods;
  private final ValueState<Long> nextTick;
  private final Set<String> seen = new HashSet<>();

  UnbucketedPeriods(KeyedStates states, TypeInformation<E> entryType) {
    this.periods = states.map("periods", Types.LONG, Types.LIST(entryType));
    this.nextTick = states.time("next-tick");
  }

  /** Moves the key's old entries into {@code buckets}; whether there were any. */
  boolean moveInto(String key, MapState<Long, List<E>> buckets) throws Exception {
    if (!seen.add(key) || periods.isEmpty()) {
      return false;
    }
    for (Map.Entry<Long, List<E>> e : periods.entries()) {
      long startKey = e.getKey() + 1;
      List<E> entries = buckets.get(startKey);
      List<E> merged = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
      merged.addAll(e.getValue());
      buckets.put(startKey, merged);
    }
    periods.clear();
    nextTick.clear();
    return true;
  }
}
