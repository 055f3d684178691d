package uk.ambulance.ops.jobs.sink.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.alerts.AlertMessage;
import uk.ambulance.ops.jobs.alerts.AlertRule;

/**
 * The body of {@code POST /api/v2/alerts}: an array of {labels, annotations, startsAt, endsAt,
 * generatorURL}. Labels are the identity: {@code alertname}, {@code severity} and the scope tags. A
 * firing alert carries a lease ({@code endsAt} in the future) so that Alertmanager resolves it by
 * itself if the job stops re-sending; a resolved one carries {@code endsAt} at or before now.
 */
final class AlertmanagerPayload implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The alertname of the heartbeat that is always firing while the job delivers. */
  static final String HEARTBEAT = "Watchdog";

  private final Map<String, AlertRule> rules = new HashMap<>();
  private final String dashboardUrl;
  private final String jobName;

  AlertmanagerPayload(List<AlertRule> rules, String dashboardUrl, String jobName) {
    for (AlertRule rule : rules) {
      this.rules.put(rule.name(), rule);
    }
    this.dashboardUrl = dashboardUrl;
    this.jobName = jobName;
  }

  String body(
      Collection<Delivery> firing,
      Collection<Delivery> resolved,
      long heartbeatSinceMs,
      long nowMs,
      long leaseMs) {
    ArrayNode array = JSON.createArrayNode();
    array.add(heartbeat(heartbeatSinceMs, nowMs, leaseMs));
    for (Delivery d : firing) {
      long starts = Math.min(d.startsAtMs(), nowMs);
      array.add(alert(d.alert(), starts, nowMs + leaseMs));
    }
    for (Delivery d : resolved) {
      long starts = Math.min(d.startsAtMs(), nowMs);
      long ends = Math.max(starts, Math.min(d.alert().time().toEpochMilli(), nowMs));
      array.add(alert(d.alert(), starts, ends));
    }
    return array.toString();
  }

  /** The labels Alertmanager identifies the alert by. */
  Map<String, String> labels(Alert alert) {
    AlertRule rule = rules.get(alert.rule());
    Map<String, String> labels = new java.util.TreeMap<>();
    labels.put("alertname", rule != null ? rule.alertname() : alert.rule());
    labels.put("severity", alert.severity());
    labels.put("job", jobName);
    labels.putAll(AlertMessage.scopeTags(alert.scope()));
    return labels;
  }

  private ObjectNode alert(Alert alert, long startsMs, long endsMs) {
    AlertRule rule = rules.get(alert.rule());
    ObjectNode node = JSON.createObjectNode();
    ObjectNode labels = node.putObject("labels");
    labels(alert).forEach(labels::put);
    ObjectNode annotations = node.putObject("annotations");
    annotations.put("summary", alert.message());
    annotations.put(
        "value",
        "value "
            + number(alert.value())
            + (alert.state() == Alert.State.FIRING ? " reached " : " cleared past ")
            + number(alert.threshold()));
    if (rule != null) {
      annotations.put("runbook", rule.runbook());
      annotations.put("rule", rule.name());
    }
    annotations.put("dashboard", dashboardUrl);
    node.put("startsAt", Instant.ofEpochMilli(startsMs).toString());
    node.put("endsAt", Instant.ofEpochMilli(endsMs).toString());
    node.put("generatorURL", dashboardUrl);
    return node;
  }

  private ObjectNode heartbeat(long sinceMs, long nowMs, long leaseMs) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode labels = node.putObject("labels");
    labels.put("alertname", HEARTBEAT);
    labels.put("severity", "none");
    labels.put("job", jobName);
    node.putObject("annotations")
        .put(
            "summary",
            "Always firing while "
                + jobName
                + " delivers alerts: route it to a dead man's switch, which pages when it stops.")
        .put("dashboard", dashboardUrl);
    node.put("startsAt", Instant.ofEpochMilli(Math.min(sinceMs, nowMs)).toString());
    node.put("endsAt", Instant.ofEpochMilli(nowMs + leaseMs).toString());
    node.put("generatorURL", dashboardUrl);
    return node;
  }

  private static String number(double v) {
    return Double.isNaN(v)
        ? "-"
        : (v == Math.rint(v)
            ? Long.toString((long) v)
            : String.format(java.util.Locale.ROOT, "%.1f", v));
  }
}
