package uk.ambulance.ops.jobs.sink.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.alerts.AlertRule;
import uk.ambulance.ops.jobs.alerts.AlertRules;
import uk.ambulance.ops.jobs.alerts.AlertSettings;
import uk.ambulance.ops.jobs.testing.AlertmanagerServer;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.WebhookReceiver;

/**
 * The Alertmanager writer against a real Alertmanager running the shipped configuration, with a
 * webhook receiver standing in for the pager: labels and annotations as documented, the lease,
 * inhibition of the warning by the critical of the same problem, an explicit resolve, the
 * heartbeat, and a restored writer that does not page again.
 */
@ClusterTest
class AlertmanagerSinkTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Short for the test, long enough that a loaded machine does not let the lease lapse. */
  private static final Duration RESEND = Duration.ofSeconds(2);

  private WebhookReceiver pager;
  private AlertmanagerServer alertmanager;
  private final List<AlertmanagerWriter> writers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    pager = new WebhookReceiver();
    alertmanager = new AlertmanagerServer(pager.url());
  }

  @AfterEach
  void stop() throws Exception {
    for (AlertmanagerWriter w : writers) {
      w.close();
    }
    alertmanager.close();
    pager.close();
  }

  private AlertmanagerWriter writer(List<Delivery> restored) {
    return writer(restored, new BacklogHold(BacklogHold.STALE, Duration.ofMinutes(3)));
  }

  private AlertmanagerWriter writer(List<Delivery> restored, BacklogHold backlog) {
    AlertSettings settings =
        AlertSettings.of(null, alertmanager.url(), "http://grafana/d/x", RESEND, Duration.ZERO);
    AlertmanagerWriter w =
        new AlertmanagerWriter(
            new AlertmanagerClient(settings.alertmanagerUrl()),
            new AlertmanagerPayload(settings.rules(), settings.dashboardUrl(), "test-job"),
            settings.resendInterval(),
            restored,
            backlog);
    writers.add(w);
    return w;
  }

  private static Alert alert(String rule, String severity, Alert.State state, long atMs) {
    return alert(rule, severity, "RJ1", state, atMs);
  }

  private static Alert alert(
      String rule, String severity, String hospital, Alert.State state, long atMs) {
    return new Alert(
        rule + "/hospital=" + hospital,
        rule,
        severity,
        "hospital=" + hospital,
        state,
        state == Alert.State.FIRING ? 3700 : 2000,
        state == Alert.State.FIRING ? 3600 : 2700,
        "crew waiting at " + hospital,
        Instant.ofEpochMilli(atMs));
  }

  @Test
  void pagesOnceInhibitsTheWarningAndResolvesExplicitly() throws Exception {
    AlertRule critical = rule("HandoverDelayCritical");
    AlertRule warning = rule("HandoverReleaseDue");
    assertThat(critical.alertname()).isEqualTo(warning.alertname());
    long now = System.currentTimeMillis();
    AlertmanagerWriter w = writer(List.of());
    w.write(alert(critical.name(), "critical", Alert.State.FIRING, now - 60_000), null);
    w.write(alert(warning.name(), "warning", Alert.State.FIRING, now - 120_000), null);

    JsonNode page =
        onCall(pager.await(critical.alertname(), n -> !onCall(n).isEmpty(), WAIT)).get(0);
    assertThat(page.path("status").asText()).isEqualTo("firing");
    assertThat(page.path("alerts")).hasSize(1); // the warning is inhibited
    JsonNode a = page.path("alerts").get(0);
    assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
    assertThat(a.path("labels").path("hospital").asText()).isEqualTo("RJ1");
    assertThat(a.path("labels").path("job").asText()).isEqualTo("test-job");
    assertThat(a.path("annotations").path("summary").asText()).isEqualTo("crew waiting at RJ1");
    assertThat(a.path("annotations").path("value").asText()).isEqualTo("value 3700 reached 3600");
    assertThat(a.path("annotations").path("runbook").asText()).isEqualTo(critical.runbook());
    assertThat(a.path("annotations").path("dashboard").asText()).isEqualTo("http://grafana/d/x");
    assertThat(Instant.parse(a.path("startsAt").asText()).toEpochMilli()).isEqualTo(now - 60_000);

    JsonNode active = alertmanager.activeAlerts();
    JsonNode warningState = find(active, "warning");
    assertThat(warningState.path("status").path("state").asText()).isEqualTo("suppressed");
    // The lease: four resend intervals ahead, so two lost posts do not resolve it.
    long endsAt = Instant.parse(find(active, "critical").path("endsAt").asText()).toEpochMilli();
    assertThat(endsAt - System.currentTimeMillis())
        .isBetween(RESEND.toMillis(), 4 * RESEND.toMillis() + 1_000L);
    assertThat(find(active, "none").path("labels").path("alertname").asText())
        .as("the heartbeat")
        .isEqualTo(AlertmanagerPayload.HEARTBEAT);

    // A restored writer re-sends what is firing under the same labels and start: no new page.
    List<Delivery> state = w.snapshotState(1);
    w.close();
    writers.remove(w);
    AlertmanagerWriter restored = writer(state);
    long end = System.currentTimeMillis();
    restored.write(alert(critical.name(), "critical", Alert.State.RESOLVED, end), null);
    restored.write(alert(warning.name(), "warning", Alert.State.RESOLVED, end), null);
    // The on-call pager's notifications: the warning's receiver (the control room) may get the
    // warning in the instant before Alertmanager has the critical that inhibits it.
    List<JsonNode> all =
        onCall(
            pager.await(
                critical.alertname(),
                n -> onCall(n).stream().anyMatch(p -> p.path("status").asText().equals("resolved")),
                WAIT));
    assertThat(all)
        .extracting(p -> p.path("status").asText())
        .containsExactly("firing", "resolved");
    assertThat(all)
        .extracting(p -> p.path("groupKey").asText())
        .containsOnly(page.path("groupKey").asText());
    JsonNode nowActive = alertmanager.activeAlerts();
    for (JsonNode alert : nowActive) {
      assertThat(alert.path("labels").path("alertname").asText())
          .isNotEqualTo(critical.alertname());
    }
  }

  /**
   * Hours of backlog re-lived in seconds (a fresh start on today's history, or an outage): a crew
   * delay at one ED that began and ended in the backlog pages nobody; one at another ED that still
   * holds when the job has caught up pages once, with its start in event time.
   */
  @Test
  void aProblemThatEndedInTheBacklogPagesNobody() throws Exception {
    AlertRule critical = rule("HandoverDelayCritical");
    long now = System.currentTimeMillis();
    AlertmanagerWriter w =
        writer(List.of(), new BacklogHold(Duration.ofMinutes(5), Duration.ofMinutes(10)));
    w.writeWatermark(new org.apache.flink.api.common.eventtime.Watermark(now - 3_600_000));
    w.write(alert(critical.name(), "critical", "RJ1", Alert.State.FIRING, now - 3_600_000), null);
    w.write(alert(critical.name(), "critical", "RJ2", Alert.State.FIRING, now - 3_000_000), null);
    w.write(alert(critical.name(), "critical", "RJ1", Alert.State.RESOLVED, now - 2_400_000), null);
    w.writeWatermark(new org.apache.flink.api.common.eventtime.Watermark(now - 60_000));

    List<JsonNode> pages =
        onCall(pager.await(critical.alertname(), n -> !onCall(n).isEmpty(), WAIT));
    assertThat(pages.get(0).path("alerts")).hasSize(1);
    JsonNode told = pages.get(0).path("alerts").get(0);
    assertThat(told.path("labels").path("hospital").asText()).isEqualTo("RJ2");
    assertThat(Instant.parse(told.path("startsAt").asText()).toEpochMilli())
        .isEqualTo(now - 3_000_000);
    for (JsonNode alert : alertmanager.activeAlerts()) {
      assertThat(alert.path("labels").path("hospital").asText()).isNotEqualTo("RJ1");
    }
  }

  /**
   * A board-only alert (severity info: a C1 call past its standard, routine on an ordinary day) is
   * held by Alertmanager but notifies nobody; the page for the same area's C1 call far past the
   * standard suppresses it.
   */
  @Test
  void boardOnlyAlertsNotifyNobodyAndThePageOfTheSameProblemSuppressesThem() throws Exception {
    AlertRule board = rule("CallWaitingBeyondStandard");
    AlertRule page = rule("C1CallWaitingFarBeyondStandard");
    assertThat(board.severity()).isEqualTo("info");
    assertThat(page.severity()).isEqualTo("critical");
    assertThat(page.alertname()).isEqualTo(board.alertname());
    long now = System.currentTimeMillis();
    AlertmanagerWriter w = writer(List.of());
    w.write(callWait(board, Alert.State.FIRING, now - 120_000), null);
    w.write(callWait(page, Alert.State.FIRING, now - 60_000), null);

    List<JsonNode> paged = pager.await(page.alertname(), n -> !onCall(n).isEmpty(), WAIT);
    JsonNode active = alertmanager.activeAlerts();
    assertThat(find(active, "info").path("status").path("state").asText())
        .as("held, and inhibited by the page")
        .isEqualTo("suppressed");
    assertThat(paged.get(0).path("alerts")).hasSize(1);

    long end = System.currentTimeMillis();
    w.write(callWait(page, Alert.State.RESOLVED, end), null);
    w.write(callWait(board, Alert.State.RESOLVED, end), null);
    List<JsonNode> all =
        pager.await(
            page.alertname(),
            n -> n.stream().anyMatch(p -> p.path("status").asText().equals("resolved")),
            WAIT);
    // Several group intervals have passed since the board-only alert arrived: had its route a
    // notifier, it would have spoken by now.
    assertThat(all).extracting(p -> p.path("receiver").asText()).containsOnly("on-call");
    for (JsonNode n : all) {
      for (JsonNode a : n.path("alerts")) {
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
      }
    }
  }

  private static Alert callWait(AlertRule rule, Alert.State state, long atMs) {
    String scope = "category=C1,area=NW";
    return new Alert(
        rule.name() + "/" + scope,
        rule.name(),
        rule.severity(),
        scope,
        state,
        state == Alert.State.FIRING ? 2800 : 300,
        state == Alert.State.FIRING ? 2700 : 900,
        "a C1 call in NW has waited",
        Instant.ofEpochMilli(atMs));
  }

  /** The on-call manager's pages (the critical route); warnings go to the control room. */
  private static List<JsonNode> onCall(List<JsonNode> notifications) {
    return notifications.stream()
        .filter(p -> p.path("receiver").asText().equals("on-call"))
        .toList();
  }

  private static JsonNode find(JsonNode alerts, String severity) {
    for (JsonNode a : alerts) {
      if (a.path("labels").path("severity").asText().equals(severity)) {
        return a;
      }
    }
    throw new AssertionError("no " + severity + " alert in " + alerts);
  }

  private static AlertRule rule(String name) {
    return AlertRules.defaults().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
