package uk.ambulance.ops.jobs.window;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.MapState;

/**
 * Per key and period, the period's aggregate up to some tick, kept in memory and moved forward or
 * back a bucket at a time, so that writing the next tick reads only the buckets between. Rebuilt
 * from the buckets when missing (after a restore); the entries kept in a period's first bucket
 * ({@code start + 1}, see {@link PeriodBuckets}) count from the start.
 */
final class PeriodCursors<E, A extends Aggregate<E>> {
  private static final class Cursor<A> {
    long at;
    A aggregate;
  }

  private final long tickMs;
  private final Supplier<A> newAggregate;
  private final Map<String, Map<Long, Cursor<A>>> cursors = new HashMap<>();

  PeriodCursors(long tickMs, Supplier<A> newAggregate) {
    this.tickMs = tickMs;
    this.newAggregate = newAggregate;
  }

  /**
   * A change to a bucket: counted in the key's cursor on its period if the cursor has passed the
   * bucket already.
   */
  void apply(String key, long start, long bucket, boolean startBucket, E entry, boolean retract) {
    Cursor<A> cursor = cursors.getOrDefault(key, Map.of()).get(start);
    if (cursor != null && (startBucket || bucket <= cursor.at)) {
      if (retract) {
        cursor.aggregate.remove(entry);
      } else {
        cursor.aggregate.add(entry);
      }
    }
  }

  /** The aggregate of the period starting at {@code start}, buckets up to {@code tick}. */
  A upTo(String key, long start, long tick, MapState<Long, List<E>> buckets) throws Exception {
    Map<Long, Cursor<A>> byPeriod = cursors.computeIfAbsent(key, k -> new HashMap<>());
    Cursor<A> cursor = byPeriod.get(start);
    if (cursor == null) {
      cursor = new Cursor<>();
      cursor.at = start;
      cursor.aggregate = newAggregate.get();
      addAll(cursor.aggregate, buckets.get(start + 1));
      byPeriod.put(start, cursor);
    }
    for (long b = cursor.at + tickMs; b <= tick; b += tickMs) {
      addAll(cursor.aggregate, buckets.get(b));
    }
    for (long b = cursor.at; b > tick; b -= tickMs) {
      List<E> entries = buckets.get(b);
      if (entries != null) {
        entries.forEach(cursor.aggregate::remove);
      }
    }
    cursor.at = tick;
    return cursor.aggregate;
  }

  /** Forgets the key's cursors on periods starting at or before {@code start}. */
  void forgetUpTo(String key, long start) {
    Map<Long, Cursor<A>> byPeriod = cursors.get(key);
    if (byPeriod != null) {
      byPeriod.keySet().removeIf(s -> s <= start);
      if (byPeriod.isEmpty()) {
        cursors.remove(key);
      }
    }
  }

  void forget(String key) {
    cursors.remove(key);
  }

  private static <E, A extends Aggregate<E>> void addAll(A aggregate, List<E> entries) {
    if (entries != null) {
      entries.forEach(aggregate::add);
    }
  }
}
