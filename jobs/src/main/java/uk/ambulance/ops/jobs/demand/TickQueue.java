package uk.ambulance.ops.jobs.demand;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;

/**
 * Items waiting for a tick, in keyed map state by that tick, in the order they came. The owner
 * visits every tick while the queue is not empty, so taking a tick's items needs no search.
 */
final class TickQueue<T> {
  private final MapState<Long, List<T>> byTick;

  TickQueue(MapState<Long, List<T>> byTick) {
    this.byTick = byTick;
  }

  void add(long tick, T item) throws Exception {
    List<T> items = byTick.get(tick);
    // A copy: the heap backend hands out the stored list, which a snapshot may still be writing.
    List<T> more = items == null ? new ArrayList<>(1) : new ArrayList<>(items);
    more.add(item);
    byTick.put(tick, more);
  }

  /** The items of {@code tick}, gone from the queue. */
  List<T> take(long tick) throws Exception {
    List<T> items = byTick.get(tick);
    if (items == null) {
      return List.of();
    }
    byTick.remove(tick);
    return items;
  }

  boolean isEmpty() throws Exception {
    return byTick.isEmpty();
  }
}
