package uk.ambulance.ops.jobs.alerts;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alert rule as declared in the rules file: which figure of the job it watches, for which
 * scope, and when it raises and clears.
 *
 * @param name the rule's name, unique in the file; the alert's identity is this and the scope
 * @param alertname the {@code alertname} label in Alertmanager: rules that raise the same problem
 *     at two severities share it, so that the critical one inhibits the warning
 * @param measurement the measurement of the job's own points it reads
 * @param field the field of those points it compares
 * @param where tag filter: a point counts only when each named tag has one of the listed values
 * @param scope the tags that tell one alert of this rule from another (its identity)
 * @param severity {@code critical}, {@code warning} or {@code info}
 * @param above true: raise at or above {@code raise}; false: at or below it
 * @param raise the level that raises the alert
 * @param clear the level that clears it, on the safe side of {@code raise} (hysteresis)
 * @param hold how long the raise level must hold before the alert fires
 * @param clearHold how long the value must stay past the clear level before the alert resolves (for
 *     figures that may dip for a moment while the problem goes on)
 * @param absentAs the value of a point of the measurement that lacks the field (null: ignore)
 * @param perMinute compare the field's increase per minute (a running total) instead of its value
 * @param wallClock the measurement is stamped with the wall clock (pipeline): not evaluated in a
 *     replay, where event time and the wall clock are unrelated
 * @param summary one line for the page; {value}, {threshold} and {tagname} are filled in
 * @param runbook what on-call does about it
 */
public record AlertRule(
    String name,
    String alertname,
    String measurement,
    String field,
    Map<String, List<String>> where,
    List<String> scope,
    String severity,
    boolean above,
    Threshold raise,
    Threshold clear,
    Duration hold,
    Duration clearHold,
    Double absentAs,
    boolean perMinute,
    boolean wallClock,
    String summary,
    String runbook)
    implements Serializable {

  public static final List<String> SEVERITIES = List.of("critical", "warning", "info");

  /** Whether a point with these tags is one this rule watches. */
  public boolean matches(String pointMeasurement, Map<String, String> tags) {
    if (!measurement.equals(pointMeasurement)) {
      return false;
    }
    for (Map.Entry<String, List<String>> filter : where.entrySet()) {
      if (!filter.getValue().contains(tags.get(filter.getKey()))) {
        return false;
      }
    }
    for (String tag : scope) {
      if (!tags.containsKey(tag)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a value is at or beyond a level, on the raising side. */
  boolean breaches(double value, double level) {
    return above ? value >= level : value <= level;
  }

  /** Whether a value is strictly past the clear level, on the safe side. */
  boolean cleared(double value, double level) {
    return above ? value < level : value > level;
  }
}
