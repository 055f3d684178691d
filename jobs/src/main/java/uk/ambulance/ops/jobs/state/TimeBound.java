package uk.ambulance.ops.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.state.ValueState;

/**
 * The earliest (or latest) of the times a key has been given since it was last cleared, kept in
 * state: the oldest bucket a window holds, the first tick a late change made stale.
 */
public final class TimeBound {
  private final ValueState<Long> bound;
  private final boolean earliest;

  TimeBound(ValueState<Long> bound, boolean earliest) {
    this.bound = bound;
    this.earliest = earliest;
  }

  /** Moves the bound out to {@code t} if {@code t} lies beyond it. */
  public void include(long t) throws IOException {
    Long now = bound.value();
    bound.update(now == null ? t : earliest ? Math.min(now, t) : Math.max(now, t));
  }

  /** The bound; null when no time was given since the last clear. */
  public Long value() throws IOException {
    return bound.value();
  }

  /** Sets the bound to {@code t}, whatever it was. */
  public void set(long t) throws IOException {
    bound.update(t);
  }

  public void clear() {
    bound.clear();
  }
}
