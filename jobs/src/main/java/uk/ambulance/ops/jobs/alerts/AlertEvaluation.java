package uk.ambulance.ops.jobs.alerts;

import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.alerts.AlertState.Phase;

/**
 * The arithmetic of one alert identity, free of Flink: raise once the value has been at or past the
 * raise level for the hold time, clear only once it is past the clear level (hysteresis), and say
 * which transition, if any, happened.
 */
public final class AlertEvaluation {
  private AlertEvaluation() {}

  /**
   * The result of one step.
   *
   * @param next the state to keep (null: none)
   * @param transition FIRING or RESOLVED when the alert changed, else null
   * @param atMs when the transition happened (event time)
   * @param value the value at the transition
   * @param threshold the level it was compared with (raise for FIRING, clear for RESOLVED)
   * @param holdUntilMs when the hold ends, if the step started one; else {@link Long#MIN_VALUE}
   */
  public record Step(
      AlertState next,
      Alert.State transition,
      long atMs,
      double value,
      double threshold,
      long holdUntilMs) {

    static Step quiet(AlertState next) {
      return new Step(next, null, 0, Double.NaN, Double.NaN, Long.MIN_VALUE);
    }
  }

  /** A new value for this rule and scope. */
  public static Step observe(AlertRule rule, AlertState state, Observation o) {
    double value = o.value();
    long t = o.timeMillis();
    if (state != null && state.phase() != Phase.NORMAL && t < state.sinceMs()) {
      return Step.quiet(state); // older than what raised it: nothing to learn
    }
    if (rule.perMinute()) {
      if (state == null || state.previousTotalMs() == AlertState.NO_TOTAL) {
        AlertState first =
            state != null
                ? state.withTotal(value, t)
                : new AlertState(Phase.NORMAL, 0, Double.NaN, Double.NaN, value, t);
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
        if (rule.cleared(value, o.clear())) {
          return new Step(
              state.normal(), Alert.State.RESOLVED, t, value, o.clear(), Long.MIN_VALUE);
        }
        return Step.quiet(state.withPhase(Phase.FIRING, state.sinceMs(), value, state.threshold()));
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
                : new AlertState(Phase.NORMAL, 0, Double.NaN, Double.NaN, 0, AlertState.NO_TOTAL);
        if (rule.hold().isZero()) {
          return fire(base, t, value, o.raise());
        }
        long until = t + rule.hold().toMillis();
        return new Step(
            base.withPhase(Phase.PENDING, t, value, o.raise()),
            null,
            0,
            Double.NaN,
            Double.NaN,
            until);
    }
  }

  /**
   * Event time has reached the end of the hold without a value that undid it: the alert fires, as
   * of the moment the hold ended. Covers figures written only when they change (a count that fell
   * to zero is written once).
   */
  public static Step holdElapsed(AlertRule rule, AlertState state, long timerMs) {
    if (state == null
        || state.phase() != Phase.PENDING
        || timerMs < state.sinceMs() + rule.hold().toMillis()) {
      return Step.quiet(state);
    }
    return fire(state, state.sinceMs() + rule.hold().toMillis(), state.value(), state.threshold());
  }

  private static Step fire(AlertState state, long t, double value, double raise) {
    return new Step(
        state.withPhase(Phase.FIRING, t, value, raise),
        Alert.State.FIRING,
        t,
        value,
        raise,
        Long.MIN_VALUE);
  }
}
