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
