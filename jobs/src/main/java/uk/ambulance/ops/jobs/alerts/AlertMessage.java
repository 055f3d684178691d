package uk.ambulance.ops.jobs.alerts;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Fills a rule's summary line: {value}, {threshold}, their {value_min}/{threshold_min}, tags. */
public final class AlertMessage {
  private AlertMessage() {}

  public static String format(AlertRule rule, String scope, double value, double threshold) {
    String text = rule.summary();
    text = text.replace("{value_min}", number(value / 60));
    text = text.replace("{threshold_min}", number(threshold / 60));
    text = text.replace("{value}", number(value));
    text = text.replace("{threshold}", number(threshold));
    text = text.replace("{scope}", scope);
    for (Map.Entry<String, String> tag : scopeTags(scope).entrySet()) {
      text = text.replace("{" + tag.getKey() + "}", tag.getValue());
    }
    return text;
  }

  /**
   * The line of a transition: the rule's summary when it fires; when it clears, a line that says so
   * (the summary, filled with the value that cleared it, would read "has waited 0 min, beyond the
   * standard").
   */
  public static String of(
      AlertRule rule, String scope, boolean firing, double value, double threshold) {
    if (firing) {
      return format(rule, scope, value, threshold);
    }
    String where = scope == null || scope.isEmpty() ? "London-wide" : scope;
    return "Resolved: "
        + rule.alertname()
        + " ("
        + where
        + "), now "
        + number(value)
        + " against the clear level "
        + number(threshold);
  }

  /** A scope string ({@code area=NW,category=C1}) back to its tags. */
  public static Map<String, String> scopeTags(String scope) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (scope == null || scope.isEmpty()) {
      return tags;
    }
    for (String part : scope.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2) {
        tags.put(kv[0], kv[1]);
      }
    }
    return tags;
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
