package uk.ambulance.ops.jobs.window;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each key's sliding window kept in memory, so that moving it one tick on costs two bucket reads,
 * not a whole window's: the aggregate of the buckets {@code (end - window, end]}. It is rebuilt
 * from the buckets when it is missing (after a restore) or would have to move back.
 */
final class WindowSlider<E, A extends Aggregate<E>> {
  /** The window ending at {@code end}. */
  static final class Window<A> {
    long end;
    A aggregate;

    /** How many buckets of the window exist (an emptied bucket still does). */
    int buckets;
  }

  private final long windowMs;
  private final long tickMs;
  private final Supplier<A> newAggregate;
  private final Map<String, Window<A>> windows = new HashMap<>();

  WindowSlider(long windowMs, long tickMs, Supplier<A> newAggregate) {
    this.windowMs = windowMs;
    this.tickMs = tickMs;
    this.newAggregate = newAggregate;
  }

  /** A change applied to {@code bucket}: counted in the key's window if the bucket lies in it. */
  void apply(String key, long bucket, boolean newBucket, E entry, boolean retract) {
    Window<A> window = windows.get(key);
    if (window != null && bucket > window.end - windowMs && bucket <= window.end) {
      window.buckets += newBucket ? 1 : 0;
      if (retract) {
        window.aggregate.remove(entry);
      } else {
        window.aggregate.add(entry);
      }
    }
  }

  /** The key's window ending at {@code end}, slid forward from the kept one or rebuilt. */
  Window<A> slideTo(String key, long end, TickBuckets<E> buckets) throws Exception {
    Window<A> window = windows.get(key);
    if (window == null || window.end > end || window.end <= end - windowMs) {
      window = new Window<>();
      window.aggregate = newAggregate.get();
      for (long b = end - windowMs + tickMs; b <= end; b += tickMs) {
        window.buckets += add(window.aggregate, buckets.get(b));
      }
    } else {
      for (long t = window.end + tickMs; t <= end; t += tickMs) {
        window.buckets -= remove(window.aggregate, buckets.get(t - windowMs));
        window.buckets += add(window.aggregate, buckets.get(t));
      }
    }
    window.end = end;
    windows.put(key, window);
    return window;
  }

  void forget(String key) {
    windows.remove(key);
  }

  /** Adds a bucket's entries; 1 if the bucket exists. */
  private static <E, A extends Aggregate<E>> int add(A aggregate, List<E> entries) {
    if (entries == null) {
      return 0;
    }
    entries.forEach(aggregate::add);
    return 1;
  }

  private static <E, A extends Aggregate<E>> int remove(A aggregate, List<E> entries) {
    if (entries == null) {
      return 0;
    }
    entries.forEach(aggregate::remove);
    return 1;
  }
}
