package uk.ambulance.ops.jobs.sink.alertmanager;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps alerts raised while the job reads a backlog from reaching the pager until they are known to
 * still hold. After a fresh start on hours of history, or an outage, the job re-lives the past in
 * seconds: a van shortage that began at 04:59 and ended at 05:31 raises and clears again at 05:48,
 * and without this the on-call manager is paged for a problem that ended a quarter of an hour ago.
 *
 * <p>An alert counts as from the backlog when its event time lies more than {@code stale} behind
 * the wall clock. It is held until the job's event time (the watermark) has caught up to within
 * {@code stale} of the wall clock, and then delivered only if it has not cleared meanwhile; in no
 * case is it held longer than {@code maxHold}, so a stalled watermark cannot silence a page. Live
 * alerts, raised within seconds of the wall clock, are never held. Plain Java; the writer calls it
 * under its lock.
 */
final class BacklogHold {
  /** Further than this behind the wall clock, an alert is taken to come from a backlog. */
  static final Duration STALE = Duration.ofMinutes(5);

  private final long staleMs;
  private final long maxHoldMs;
  private final Map<String, Long> heldSince = new HashMap<>();
  private long watermarkMs = Long.MIN_VALUE;

  BacklogHold(Duration stale, Duration maxHold) {
    this.staleMs = stale.toMillis();
    this.maxHoldMs = maxHold.toMillis();
  }

  /** A new alert started firing: held if it is from the backlog (and holding is on). */
  void started(String key, long eventTimeMs, long nowMs) {
    if (maxHoldMs > 0 && nowMs - eventTimeMs > staleMs) {
      heldSince.putIfAbsent(key, nowMs);
    }
  }

  /** It cleared: true when it was never delivered, so nobody needs to hear of it at all. */
  boolean dropResolved(String key) {
    return heldSince.remove(key) != null;
  }

  void watermark(long eventTimeMs) {
    watermarkMs = Math.max(watermarkMs, eventTimeMs);
  }

  /** Whether the alert may be told now; releases it for good once it may. */
  boolean deliverable(String key, long nowMs) {
    Long since = heldSince.get(key);
    if (since == null) {
      return true;
    }
    if (caughtUp(nowMs) || nowMs - since >= maxHoldMs) {
      heldSince.remove(key);
      return true;
    }
    return false;
  }

  /** Whether the job's event time has come within {@code stale} of the wall clock. */
  boolean caughtUp(long nowMs) {
    // No watermark yet: the first alerts of a backlog reach the sink before the watermark that
    // fired them, and nowMs - Long.MIN_VALUE would overflow into "caught up".
    return watermarkMs != Long.MIN_VALUE && nowMs - watermarkMs <= staleMs;
  }

  /** When a held alert is released at the latest (Long.MAX_VALUE: none held). */
  long nextRelease() {
    return heldSince.values().stream()
        .mapToLong(since -> since + maxHoldMs)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  boolean holding() {
    return !heldSince.isEmpty();
  }
}
