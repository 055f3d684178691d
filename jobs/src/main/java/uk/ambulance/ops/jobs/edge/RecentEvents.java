package uk.ambulance.ops.jobs.edge;

import java.util.Arrays;

/**
 * The events one source entity (an incident, a vehicle, a hospital) sent recently, as pairs of
 * {event time, 64-bit hash of the eventId} in one array: a duplicate carries the same eventId, and
 * one entity sends few events within the memory, so a short scan finds it. Forgetting is by event
 * time: a pair goes once the watermark has passed its time plus the memory.
 */
final class RecentEvents {
  private RecentEvents() {}

  static boolean contains(long[] pairs, long idHash) {
    if (pairs == null) {
      return false;
    }
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == idHash) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code pairs} without those whose time is at or before {@code limit}; null when none is left.
   */
  static long[] after(long[] pairs, long limit) {
    if (pairs == null) {
      return null;
    }
    long[] kept = new long[pairs.length];
    int n = 0;
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] > limit) {
        kept[n++] = pairs[i];
        kept[n++] = pairs[i + 1];
      }
    }
    return n == 0 ? null : n == pairs.length ? pairs : Arrays.copyOf(kept, n);
  }

  static long[] plus(long[] pairs, long timeMs, long idHash) {
    long[] grown = pairs == null ? new long[2] : Arrays.copyOf(pairs, pairs.length + 2);
    grown[grown.length - 2] = timeMs;
    grown[grown.length - 1] = idHash;
    return grown;
  }

  static long latest(long[] pairs) {
    long latest = Long.MIN_VALUE;
    for (int i = 0; i < pairs.length; i += 2) {
      latest = Math.max(latest, pairs[i]);
    }
    return latest;
  }

  /**
   * FNV-1a over the id's characters: 64 bits, so two ids of one entity never collide in practice.
   */
  static long hash(String eventId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < eventId.length(); i++) {
      h ^= eventId.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
