package uk.ambulance.ops.jobs.window;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.TimeBound;

/**
 * A sliding window's entries in buckets of one tick, kept in keyed state: the bucket {@code b}
 * holds the entries of {@code (b - tick, b]}. The oldest and newest buckets are kept too, so that
 * purging and deciding whether to tick on read no more than they must.
 */
final class TickBuckets<E> {
  private final long tickMs;
  private final MapState<Long, List<E>> buckets;
  private final TimeBound oldest;
  private final TimeBound newest;

  TickBuckets(KeyedStates states, TypeInformation<E> entryType, long tickMs) {
    this.tickMs = tickMs;
    this.buckets = states.map("buckets", Types.LONG, Types.LIST(entryType));
    this.oldest = states.earliest("oldest-bucket");
    this.newest = states.latest("newest-bucket");
  }

  /** A bucket's entries; null if it does not exist. */
  List<E> get(long bucket) throws Exception {
    return buckets.get(bucket);
  }

  boolean contains(long bucket) throws Exception {
    return buckets.contains(bucket);
  }

  /** Adds or takes out an entry; false for the retraction of an entry never added. */
  boolean apply(long bucket, E entry, boolean retract) throws Exception {
    List<E> entries = buckets.get(bucket);
    if (entries == null) {
      entries = new ArrayList<>();
    }
    boolean changed = retract ? entries.remove(entry) : entries.add(entry);
    if (!changed) {
      return false;
    }
    buckets.put(bucket, entries);
    oldest.include(bucket);
    newest.include(bucket);
    return true;
  }

  /** The newest bucket; null when there is none. */
  Long newest() throws Exception {
    return newest.value();
  }

  boolean isEmpty() throws Exception {
    return oldest.value() == null;
  }

  /** Removes every bucket up to {@code limit}. */
  void purgeUpTo(long limit) throws Exception {
    Long first = oldest.value();
    if (first == null || first > limit) {
      return;
    }
    Long last = newest.value();
    for (long b = first; b <= limit && b <= last; b += tickMs) {
      buckets.remove(b);
    }
    if (last <= limit) {
      oldest.clear();
      newest.clear();
    } else {
      oldest.set(limit + tickMs);
    }
  }

  void clear() {
    buckets.clear();
    oldest.clear();
    newest.clear();
  }
}
