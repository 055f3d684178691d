package uk.ambulance.ops.jobs.alerts;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The alerting settings: the rules (the shipped file unless {@code --alert-rules} names another),
 * where Alertmanager listens (none: no delivery) and what the pages link to.
 *
 * @param rules the rules, already checked
 * @param alertmanagerUrl Alertmanager's base URL, or null
 * @param dashboardUrl the board a page links to
 * @param resendInterval how often firing alerts and the heartbeat are re-sent to Alertmanager
 * @param backlogHold the longest an alert re-lived from a backlog waits for the job to catch up
 *     before it is delivered (zero: never held)
 */
public record AlertSettings(
    List<AlertRule> rules,
    String alertmanagerUrl,
    String dashboardUrl,
    Duration resendInterval,
    Duration backlogHold)
    implements Serializable {

  /** Builds the settings; a bad rules file throws {@link IllegalArgumentException}, one line. */
  public static AlertSettings of(
      String rulesFile,
      String alertmanagerUrl,
      String dashboardUrl,
      Duration resendInterval,
      Duration backlogHold) {
    List<AlertRule> rules;
    try {
      rules = rulesFile == null ? AlertRules.defaults() : AlertRules.fromFile(Path.of(rulesFile));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--alert-rules " + e.getMessage());
    }
    if (alertmanagerUrl != null && !alertmanagerUrl.matches("https?://[^\\s]+")) {
      throw new IllegalArgumentException(
          "--alertmanager-url must be an http(s) URL, got '" + alertmanagerUrl + "'");
    }
    String am = alertmanagerUrl == null ? null : alertmanagerUrl.replaceAll("/+$", "");
    return new AlertSettings(rules, am, dashboardUrl, resendInterval, backlogHold);
  }
}
