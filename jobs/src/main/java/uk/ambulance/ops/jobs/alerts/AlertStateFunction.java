package uk.ambulance.ops.jobs.alerts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.state.KeyedStates;

/**
 * Holds one alert identity (rule and scope, the key) in Flink state and its hold timer; the
 * decisions are {@link AlertEvaluation}'s. Because the state is checkpointed, a restart neither
 * fires again what already fired nor forgets what is firing. Nothing is kept once an alert clears
 * (except a running total for a per-minute rule).
 */
public final class AlertStateFunction extends KeyedProcessFunction<String, Observation, Alert> {
  private static final long serialVersionUID = 1L;

  private final List<AlertRule> rules;
  private transient Map<String, AlertRule> byName;
  private transient ValueState<AlertState> state;
  private transient ValueState<String> scope;

  public AlertStateFunction(List<AlertRule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public void open(OpenContext context) {
    byName = new HashMap<>();
    for (AlertRule rule : rules) {
      byName.put(rule.name(), rule);
    }
    // Cleared when an alert resolves: bounded by what is firing, so no TTL (and none to add: a
    // TTL changes how existing state is stored).
    KeyedStates states = KeyedStates.withoutTtl(getRuntimeContext());
    state = states.value("alert", TypeInformation.of(AlertState.class));
    scope = states.value("scope", Types.STRING);
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<Alert> out) throws Exception {
    AlertRule rule = byName.get(o.rule());
    AlertState before = state.value();
    AlertEvaluation.Step step = AlertEvaluation.observe(rule, before, o);
    long oldTimer = AlertEvaluation.timerOf(rule, before);
    long newTimer = AlertEvaluation.timerOf(rule, step.next());
    if (oldTimer != newTimer) {
      if (oldTimer != AlertEvaluation.NO_TIMER) {
        ctx.timerService().deleteEventTimeTimer(oldTimer);
      }
      if (newTimer != AlertEvaluation.NO_TIMER) {
        ctx.timerService().registerEventTimeTimer(newTimer);
      }
    }
    apply(rule, o.scope(), step, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    String key = ctx.getCurrentKey();
    AlertRule rule = byName.get(key.contains("/") ? key.substring(0, key.indexOf('/')) : key);
    apply(rule, scope.value(), AlertEvaluation.timer(rule, state.value(), timestamp), out);
  }

  private void apply(
      AlertRule rule, String alertScope, AlertEvaluation.Step step, Collector<Alert> out)
      throws Exception {
    if (step.next() == null) {
      state.clear();
      scope.clear();
    } else {
      state.update(step.next());
      if (step.next().phase() != AlertState.Phase.NORMAL) {
        scope.update(alertScope);
      } else {
        scope.clear();
      }
    }
    if (step.transition() != null) {
      out.collect(
          new Alert(
              Observation.key(rule.name(), alertScope),
              rule.name(),
              rule.severity(),
              alertScope,
              step.transition(),
              step.value(),
              step.threshold(),
              AlertMessage.of(
                  rule,
                  alertScope,
                  step.transition() == Alert.State.FIRING,
                  step.value(),
                  step.threshold()),
              Instant.ofEpochMilli(step.atMs())));
    }
  }
}
