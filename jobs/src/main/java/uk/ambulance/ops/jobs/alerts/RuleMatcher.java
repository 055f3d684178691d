package uk.ambulance.ops.jobs.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/** Turns each of the job's points into the values the rules watching it read. Stateless. */
public final class RuleMatcher implements FlatMapFunction<InfluxPoint, Observation> {
  private static final long serialVersionUID = 1L;

  private final List<AlertRule> rules;
  private final boolean replay;
  private transient Map<String, List<AlertRule>> byMeasurement;

  public RuleMatcher(List<AlertRule> rules, boolean replay) {
    this.rules = List.copyOf(rules);
    this.replay = replay;
  }

  @Override
  public void flatMap(InfluxPoint point, Collector<Observation> out) {
    if (byMeasurement == null) {
      byMeasurement = new HashMap<>();
      for (AlertRule rule : rules) {
        byMeasurement.computeIfAbsent(rule.measurement(), m -> new ArrayList<>()).add(rule);
      }
    }
    for (AlertRule rule : byMeasurement.getOrDefault(point.measurement(), List.of())) {
      Observation o = observe(rule, point, replay);
      if (o != null) {
        out.collect(o);
      }
    }
  }

  /** The value a rule reads from a point, or null when the point is none of its business. */
  static Observation observe(AlertRule rule, InfluxPoint point, boolean replay) {
    if ((rule.wallClock() && replay) || !rule.matches(point.measurement(), point.tags())) {
      return null;
    }
    Object field = point.fields().get(rule.field());
    double value;
    if (field instanceof Number n) {
      value = n.doubleValue();
    } else if (field instanceof Boolean b) {
      value = b ? 1 : 0;
    } else if (field == null && rule.absentAs() != null) {
      value = rule.absentAs();
    } else {
      return null;
    }
    OptionalDouble raise = rule.raise().resolve(point.tags());
    OptionalDouble clear = rule.clear().resolve(point.tags());
    if (raise.isEmpty() || clear.isEmpty()) {
      return null;
    }
    StringBuilder scope = new StringBuilder();
    for (String tag : rule.scope()) {
      if (scope.length() > 0) {
        scope.append(',');
      }
      scope.append(tag).append('=').append(point.tags().get(tag));
    }
    String s = scope.toString();
    return new Observation(
        Observation.key(rule.name(), s),
        rule.name(),
        s,
        value,
        raise.getAsDouble(),
        clear.getAsDouble(),
        point.timeMillis());
  }
}
