package uk.ambulance.ops.jobs.state;

import java.io.IOException;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * An event-time timer of which a key has at most one at a time, its time kept in state so that it
 * can be moved: registering a new time deletes the old one, and so a key never holds timers that
 * would only fire to find nothing to do.
 */
public final class OneTimer {
  private final ValueState<Long> at;

  OneTimer(ValueState<Long> at) {
    this.at = at;
  }

  /** When the timer fires; null when there is none. */
  public Long time() throws IOException {
    return at.value();
  }

  public boolean firesAt(long t) throws IOException {
    Long time = at.value();
    return time != null && time == t;
  }

  /** Brings the timer forward to {@code t}, unless it already fires at or before {@code t}. */
  public void noLaterThan(long t, TimerService timers) throws IOException {
    Long scheduled = at.value();
    if (scheduled == null || t < scheduled) {
      moveTo(t, timers);
    }
  }

  /** The timer fires at {@code t}, and only then. */
  public void moveTo(long t, TimerService timers) throws IOException {
    Long scheduled = at.value();
    if (scheduled != null && scheduled == t) {
      return;
    }
    if (scheduled != null) {
      timers.deleteEventTimeTimer(scheduled);
    }
    timers.registerEventTimeTimer(t);
    at.update(t);
  }

  /** After the timer fired: the next time it fires. */
  public void then(long t, TimerService timers) throws IOException {
    timers.registerEventTimeTimer(t);
    at.update(t);
  }

  /** After the timer fired, or with it deleted: no timer. */
  public void clear() {
    at.clear();
  }
}
