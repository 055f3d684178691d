package uk.ambulance.ops.jobs.alerts;

import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.alerts.AlertState.Phase;

/**
 * The arithmetic of one alert identity, free of Flink: raise once the value has been at or past the
 * raise level for the hold time, clear only once it is past the clear level (hysteresis) and, if
 * the rule asks, has stayed there for its clear hold; say which transition, if any, happened, and
 * which moment event time must reach for the next one ({@link #timerOf}).
 */
public final class AlertEvaluation {
  /** No timer is needed. */
  public static final long NO_TIMER = Long.MIN_VALUE;

  private AlertEvaluation() {}

  /**
   * The result of one step.
   *
   * @param next the state to keep (null: none)
   * @param transition FIRING or RESOLVED when the alert changed, else null
   * @param atMs when the transition happened (event time)
   * @param value the value at the transition
   * @param threshold the level it was compared with (raise for FIRING, clear for RESOLVED)
   */
  public record Step(
      AlertState next, Alert.State transition, long atMs, double value, double threshold) {

    static Step quiet(AlertState next) {
      return new Step(next, null, 0, Double.NaN, Double.NaN);
    }
  }

  /** When event time must wake this state up: the end of its hold or clear hold. */
  public static long timerOf(AlertRule rule, AlertState state) {
    if (state == null || rule.wallClock()) {
      return NO_TIMER; // wall-clock figures arrive every 10 s: their values decide
    }
    if (state.phase() == Phase.PENDING && !rule.hold().isZero()) {
      return state.sinceMs() + rule.hold().toMillis();
    }
    if (state.phase() == Phase.CLEARING) {
      return state.sinceMs() + rule.clearHold().toMillis();
    }
    return NO_TIMER;
  }

  /** A new value for this rule and scope. */
  public static Step observe(AlertRule rule, AlertState state, Observation o) {
    double value = o.value();
    long t = o.timeMillis();
    if (state != null && state.phase() != Phase.NORMAL && t < state.sinceMs()) {
      return Step.quiet(state); // older than the phase it is in: nothing to learn
    }
    if (rule.perMinute()) {
      if (state == null || state.previousTotalMs() == AlertState.NO_TOTAL) {
        AlertState first =
            state != null
                ? state.withTotal(value, t)
                : new AlertState(Phase.NORMAL, 0, 0, Double.NaN, Double.NaN, value, t);
        return Step.quiet(first);
      }
      if (t <= state.previousTotalMs()) {
        return Step.quiet(state);
      }
      // A total that went down was restarted: count from zero.
      double increase = value >= state.previousTotal() ? value - state.previousTotal() : value;
      double rate = increase * 60_000.0 / (t - state.previousTotalMs());
      state = state.withTotal(value, t);
      value = rate;
    }
    Phase phase = state == null ? Phase.NORMAL : state.phase();
    switch (phase) {
      case FIRING:
        if (!rule.cleared(value, o.clear())) {
          return Step.quiet(
              state.withPhase(Phase.FIRING, state.sinceMs(), value, state.threshold()));
        }
        if (rule.clearHold().isZero()) {
          return resolve(state, t, value, o.clear());
        }
        return Step.quiet(state.withPhase(Phase.CLEARING, t, value, o.clear()));
      case CLEARING:
        if (!rule.cleared(value, o.clear())) {
          return Step.quiet(state.withPhase(Phase.FIRING, state.firedMs(), value, o.raise()));
        }
        if (t - state.sinceMs() >= rule.clearHold().toMillis()) {
          return resolve(state, t, value, o.clear());
        }
        return Step.quiet(state.withPhase(Phase.CLEARING, state.sinceMs(), value, o.clear()));
      case PENDING:
        if (!rule.breaches(value, o.raise())) {
          return Step.quiet(state.normal());
        }
        if (t - state.sinceMs() >= rule.hold().toMillis()) {
          return fire(state, t, value, o.raise());
        }
        return Step.quiet(state.withPhase(Phase.PENDING, state.sinceMs(), value, o.raise()));
      default:
        if (!rule.breaches(value, o.raise())) {
          return Step.quiet(state);
        }
        AlertState base =
            state != null
                ? state
                : new AlertState(
                    Phase.NORMAL, 0, 0, Double.NaN, Double.NaN, 0, AlertState.NO_TOTAL);
        if (rule.hold().isZero()) {
          return fire(base, t, value, o.raise());
        }
        return Step.quiet(base.withPhase(Phase.PENDING, t, value, o.raise()));
    }
  }

  /**
   * Event time has reached the end of a hold without a value that undid it: a pending alert fires,
   * a clearing one resolves, as of the moment the hold ended. Covers figures written only when they
   * change (a count that fell to zero is written once, a hotspot's end once).
   */
  public static Step timer(AlertRule rule, AlertState state, long timerMs) {
    if (state == null || timerMs != timerOf(rule, state)) {
      return Step.quiet(state);
    }
    return state.phase() == Phase.PENDING
        ? fire(state, timerMs, state.value(), state.threshold())
        : resolve(state, timerMs, state.value(), state.threshold());
  }

  private static Step fire(AlertState state, long t, double value, double raise) {
    return new Step(state.fired(t, value, raise), Alert.State.FIRING, t, value, raise);
  }

  private static Step resolve(AlertState state, long t, double value, double clear) {
    return new Step(state.normal(), Alert.State.RESOLVED, t, value, clear);
  }
}
