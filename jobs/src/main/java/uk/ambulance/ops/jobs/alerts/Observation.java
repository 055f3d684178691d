package uk.ambulance.ops.jobs.alerts;

/**
 * One value a rule reads from one of the job's points, with the levels that apply to it.
 *
 * @param alertKey the alert's identity: rule and scope
 * @param rule the rule's name
 * @param scope the scope tags as {@code tag=value,...} in the rule's order
 */
public record Observation(
    String alertKey,
    String rule,
    String scope,
    double value,
    double raise,
    double clear,
    long timeMillis) {

  static String key(String rule, String scope) {
    return scope.isEmpty() ? rule : rule + "/" + scope;
  }
}
