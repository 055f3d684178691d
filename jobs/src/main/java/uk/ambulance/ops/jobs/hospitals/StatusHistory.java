package uk.ambulance.ops.jobs.hospitals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.ambulance.ops.events.model.HospitalStatus;

/**
 * A hospital's recent statuses in time order, each applying from its own time until the next: the
 * status feed reports only every 15 minutes and arrives late, so a status is looked up as of a
 * time, not taken as it comes. A null history has no status.
 */
final class StatusHistory {
  private static final long HOUR = 3_600_000L;

  private StatusHistory() {}

  /** The history with {@code status} added in its place. */
  static List<HospitalStatus> with(List<HospitalStatus> history, HospitalStatus status) {
    List<HospitalStatus> added = history == null ? new ArrayList<>() : new ArrayList<>(history);
    added.add(status);
    added.sort(Comparator.comparing(HospitalStatus::time));
    return added;
  }

  /** The status in force at {@code t}: the last one at or before it; null if none. */
  static HospitalStatus inForceAt(List<HospitalStatus> history, long t) {
    int i = history == null ? -1 : lastAtOrBefore(history, t);
    return i < 0 ? null : history.get(i);
  }

  /**
   * The index of the last status at or before {@code t}, or -1; by halving, because in a replay the
   * status feed runs ahead of CAD's clock and the day's statuses to come are all in the history.
   */
  private static int lastAtOrBefore(List<HospitalStatus> history, long t) {
    int lo = 0;
    int hi = history.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (history.get(mid).timeMillis() <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Whether a status applies only after {@code t}: one that came early, ahead of CAD's time. */
  static boolean hasStatusAfter(List<HospitalStatus> history, long t) {
    return history != null
        && !history.isEmpty()
        && history.get(history.size() - 1).timeMillis() > t;
  }

  /**
   * The statuses still needed at {@code t}: the one in force an hour ago (arrivals on divert look
   * that far back) and later ones.
   */
  static List<HospitalStatus> neededAt(List<HospitalStatus> history, long t) {
    // In time order, every status after the one in force an hour ago is later than an hour ago.
    int hourAgo = lastAtOrBefore(history, t - HOUR);
    return hourAgo <= 0 ? history : new ArrayList<>(history.subList(hourAgo, history.size()));
  }

  /** Whether a status in force at some time in {@code (from, to]} was on divert. */
  private static boolean divertWithin(List<HospitalStatus> history, long from, long to) {
    for (int i = Math.max(0, lastAtOrBefore(history, from));
        i <= lastAtOrBefore(history, to);
        i++) {
      if (history.get(i).divert()) {
        return true;
      }
    }
    return false;
  }

  /** Crews that arrived in the hour up to {@code t} while the hospital was on divert. */
  static long arrivalsOnDivert(long t, List<HandoverRecord> stays, List<HospitalStatus> history) {
    if (history == null || !divertWithin(history, t - HOUR, t)) {
      return 0; // the usual case, and it needs no look-up per crew
    }
    long count = 0;
    for (HandoverRecord s : stays) {
      if (s.arrivedMs() > t - HOUR && s.arrivedMs() <= t) {
        HospitalStatus then = inForceAt(history, s.arrivedMs());
        if (then != null && then.divert()) {
          count++;
        }
      }
    }
    return count;
  }
}
