package uk.ambulance.ops.jobs.time;

import java.time.Duration;

/**
 * The event time one partition of a feed vouches for, as plain arithmetic (the Flink generator
 * around it only forwards events and asks for the watermark).
 *
 * <p>While records flow, the watermark trails the newest event time by the out-of-orderness bound,
 * as usual. The difference is what a quiet partition does:
 *
 * <ul>
 *   <li><b>Live</b>, once the partition has spoken: its time keeps running at the wall clock's rate
 *       from its newest event, as it would if the feed were still sending. A quiet night therefore
 *       neither freezes the waits on the wall board nor lets time run ahead: the watermark never
 *       passes the wall clock less the bound, so no operator can write a point in the future. A
 *       partition catching up a backlog keeps raising its newest time, so it follows its data.
 *   <li><b>Live</b>, never spoken since start: it holds time back for the idleness period (a
 *       restarted job's partitions may still be fetching), then stands aside until it speaks.
 *   <li><b>Replay</b>: the data alone sets the time; a partition holds time back until its first
 *       record, and a bounded source's empty or finished partitions are released by the source.
 * </ul>
 */
public final class FeedClock {
  /** No watermark to emit yet (Flink's initial watermark). */
  public static final long NONE = Long.MIN_VALUE;

  /** What the partition asks of the operators downstream at this moment. */
  public enum State {
    /** Holding time back: emit {@link #watermark()} (which may be {@link #NONE}). */
    ACTIVE,
    /** Not holding time back: mark the partition idle. */
    IDLE
  }

  private final long outOfOrdernessMs;
  private final long idlenessMs;
  private final boolean followsWallClock;
  private final long createdAt;
  private long newest = NONE;
  private long newestArrivedAt;
  private long emitted = NONE;

  private FeedClock(
      Duration outOfOrderness, Duration idleness, boolean followsWallClock, long createdAt) {
    this.outOfOrdernessMs = outOfOrderness.toMillis();
    this.idlenessMs = idleness.toMillis();
    this.followsWallClock = followsWallClock;
    this.createdAt = createdAt;
  }

  public static FeedClock live(Duration outOfOrderness, Duration idleness, long now) {
    return new FeedClock(outOfOrderness, idleness, true, now);
  }

  public static FeedClock replay(Duration outOfOrderness) {
    return new FeedClock(outOfOrderness, Duration.ZERO, false, 0);
  }

  /** A record with event time {@code t} arrived at wall time {@code now}. */
  public void onEvent(long t, long now) {
    if (t > newest) {
      newest = t;
      newestArrivedAt = now;
    }
  }

  public State state(long now) {
    if (followsWallClock && newest == NONE && now - createdAt >= idlenessMs) {
      return State.IDLE;
    }
    return State.ACTIVE;
  }

  /** The watermark at wall time {@code now}, or {@link #NONE}; only meaningful when active. */
  public long watermark(long now) {
    if (newest == NONE) {
      return NONE;
    }
    // Flink's convention: a watermark t promises nothing later arrives at or before t.
    long fromData = newest - outOfOrdernessMs - 1;
    if (!followsWallClock) {
      return fromData;
    }
    long quietFor = Math.max(0, now - newestArrivedAt);
    // Events stamped ahead of the wall clock (a producer's clock running fast) wait for it.
    long wallLimit = now - outOfOrdernessMs - 1;
    emitted = Math.max(emitted, Math.min(fromData + quietFor, wallLimit));
    return emitted;
  }
}
