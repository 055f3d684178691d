package uk.ambulance.ops.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.testing.AlertmanagerServer;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;
import uk.ambulance.ops.jobs.testing.WebhookReceiver;

/**
 * The simulator's major incident (80 calls in 20 minutes at Waterloo) through Kafka, the whole job
 * and a real Alertmanager running the shipped configuration, to a webhook standing in for the
 * on-call manager's pager. Halfway through the incident the job is stopped and restarted from its
 * savepoint. The pager gets one group for the incident: paged once, resolved once after it ends,
 * and nothing re-announced by the restart.
 */
@ClusterTest
class MajorIncidentPageTest {
  private static final String ALERTNAME = "MajorIncident";
  private static final String NAME = "major incident page";
  private static final Duration WAIT = Duration.ofMinutes(4);

  @RegisterExtension
  @Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  @TempDir Path dir;

  @Test
  void oneIncidentIsOnePageAndOneResolveAcrossARestart() throws Exception {
    SimSettings plain =
        SimSettings.defaults()
            .withDuration(Duration.ofHours(5))
            .withFeeds(
                new SimSettings.Feeds(Duration.ofSeconds(30), Duration.ofMinutes(15), false));
    SimSettings.MajorIncident incident =
        new SimSettings.MajorIncident(
            plain.start().plus(Duration.ofHours(3)), 51.5033, -0.1196, 80, Duration.ofMinutes(20));
    SimSettings settings = plain.withScenarios(new SimSettings.Scenarios(incident, null, null));
    long midIncident = incident.at().plus(Duration.ofMinutes(10)).toEpochMilli();
    List<List<ProducerRecord<byte[], byte[]>>> phases =
        AlertPageRun.simulate(settings, Set.of(Topics.CAD_INCIDENTS), midIncident);
    KAFKA.createContractTopics(2);
    KAFKA.createTopics(Map.of(Topics.OPS_ALERTS, 1));

    try (WebhookReceiver pager = new WebhookReceiver();
        AlertmanagerServer alertmanager = new AlertmanagerServer(pager.url())) {
      JobSettings job =
          JobSettings.parse(
              "--bootstrap-servers", KAFKA.bootstrapServers(),
              "--influx-url", "http://unused",
              "--consumer-group", "major-incident-page",
              "--alertmanager-url", alertmanager.url(),
              "--alert-resend-s", "5",
              // A recorded day: by the wall clock every alert comes from a backlog, and the job
              // never catches up. What holds those back is BacklogHoldTest's subject.
              "--alert-backlog-hold-s", "0");
      KAFKA.produce(phases.get(0));
      JobClient first = AlertPageRun.start(job, null, NAME);
      List<JsonNode> paged =
          pager.await(ALERTNAME, n -> n.stream().anyMatch(AlertPageRun::firing), WAIT);
      String savepoint =
          first
              .stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(2, TimeUnit.MINUTES);

      JobClient second = AlertPageRun.start(job, savepoint, NAME);
      try {
        KAFKA.produce(phases.get(1));
        List<JsonNode> all =
            pager.await(ALERTNAME, n -> n.stream().anyMatch(AlertPageRun::resolved), WAIT);
        System.out.printf(
            "MajorIncidentPageTest: %d notification(s) before the restart, %d in all; first page: %s%n",
            paged.size(), all.size(), all.get(0).path("alerts").get(0).path("annotations"));
        assertThat(all)
            .extracting(p -> p.path("groupKey").asText())
            .as("one group")
            .containsOnly(all.get(0).path("groupKey").asText());
        assertThat(all.get(0).path("receiver").asText()).isEqualTo("on-call");
        assertThat(AlertPageRun.firing(all.get(0))).isTrue();
        // The calls' centre may move to a neighbouring cell: the group then tells of the new
        // cell and of the old one's end. But no notification repeats the one before it, which is
        // what a restart that re-announced the firing alert would cause.
        for (int i = 1; i < all.size(); i++) {
          assertThat(AlertPageRun.alertStates(all.get(i)))
              .as("notification %d repeats the one before: %s", i, all.get(i))
              .isNotEqualTo(AlertPageRun.alertStates(all.get(i - 1)));
        }
        JsonNode last = all.get(all.size() - 1);
        assertThat(last.path("status").asText()).isEqualTo("resolved");
        for (JsonNode a : last.path("alerts")) {
          assertThat(a.path("status").asText()).isEqualTo("resolved");
        }

        // ops.alerts holds the same story: each incident alert fired once and resolved once.
        List<JsonNode> transitions = AlertPageRun.transitions(KAFKA, ALERTNAME);
        Set<String> keys = new HashSet<>();
        transitions.forEach(t -> keys.add(t.path("alertKey").asText()));
        assertThat(keys).isNotEmpty();
        for (String key : keys) {
          assertThat(transitions.stream().filter(t -> t.path("alertKey").asText().equals(key)))
              .extracting(t -> t.path("state").asText())
              .as(key)
              .containsExactly("FIRING", "RESOLVED");
        }
      } finally {
        second.cancel().get(1, TimeUnit.MINUTES);
      }
    }
  }
}
