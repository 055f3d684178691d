package uk.ambulance.ops.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * The simulator's AVL outage (every vehicle position suppressed for 15 minutes of a Monday morning)
 * through Kafka, the whole live job and a real Alertmanager running the shipped configuration, to a
 * webhook standing in for the on-call manager's pager: one page for the outage, and one resolve
 * once the feed is back. The ground truth is the scenario's window.
 *
 * <p>Live, a quiet partition's time runs at the wall clock's pace, so an outage seen as it happens
 * takes the silence limit and the rule's hold in real minutes to page. The job is therefore
 * restarted from a savepoint just as the feed stops, as a deployment during an outage would: the
 * AVL partition, silent since the restart, stands aside after the idleness period and CAD's time
 * carries the fleet's clock through the outage in seconds. The restart must neither lose the fleet
 * the job knew nor page twice.
 */
@ClusterTest
class AvlOutagePageTest {
  private static final String ALERTNAME = "AvlFeedOut";
  private static final String NAME = "avl outage page";
  private static final String GROUP = "avl-outage-page";
  private static final Duration WAIT = Duration.ofMinutes(3);

  @RegisterExtension
  @Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  @TempDir Path dir;

  @Test
  void theOutagePagesOnceAndResolvesOnceTheFeedIsBack() throws Exception {
    Instant start = SimSettings.DEFAULT_FILE_START.plus(Duration.ofHours(8));
    Instant from = start.plus(Duration.ofMinutes(20));
    Instant until = from.plus(Duration.ofMinutes(15));
    SimSettings settings =
        SimSettings.defaults()
            .withStart(start)
            .withDuration(Duration.ofMinutes(45))
            .withScenarios(
                new SimSettings.Scenarios(null, null, new SimSettings.Window(from, until)));
    Set<String> topics = Set.of(Topics.CAD_INCIDENTS, Topics.AVL_POSITIONS);
    // Up to the outage, during it, and from the feed's return (the window is half-open: positions
    // resume at its end).
    List<List<ProducerRecord<byte[], byte[]>>> phases =
        AlertPageRun.simulate(settings, topics, from.toEpochMilli(), until.toEpochMilli() - 1);
    List<ProducerRecord<byte[], byte[]>> beforeOutage = phases.get(0);
    List<ProducerRecord<byte[], byte[]>> duringOutage = phases.get(1);
    List<ProducerRecord<byte[], byte[]>> feedBack = phases.get(2);
    assertThat(duringOutage).isNotEmpty().noneMatch(r -> r.topic().equals(Topics.AVL_POSITIONS));
    assertThat(feedBack).anyMatch(r -> r.topic().equals(Topics.AVL_POSITIONS));
    KAFKA.createContractTopics(2);
    KAFKA.createTopics(Map.of(Topics.OPS_ALERTS, 1));

    try (WebhookReceiver pager = new WebhookReceiver();
        AlertmanagerServer alertmanager = new AlertmanagerServer(pager.url())) {
      JobSettings job =
          JobSettings.parse(
              "--bootstrap-servers",
              KAFKA.bootstrapServers(),
              "--influx-url",
              "http://unused",
              "--consumer-group",
              GROUP,
              "--idleness-s",
              "3",
              "--alertmanager-url",
              alertmanager.url(),
              "--alert-resend-s",
              "5",
              // A recorded morning: by the wall clock every alert comes from a backlog, and the
              // job never catches up. What holds those back is BacklogHoldTest's subject.
              "--alert-backlog-hold-s",
              "0");
      KAFKA.produce(beforeOutage);
      JobClient first = AlertPageRun.start(job, null, NAME);
      awaitConsumed(topics);
      String savepoint =
          first
              .stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(2, TimeUnit.MINUTES);
      assertThat(pager.about(ALERTNAME)).as("no page before the outage").isEmpty();

      KAFKA.produce(duringOutage);
      JobClient second = AlertPageRun.start(job, savepoint, NAME);
      try {
        List<JsonNode> paged =
            pager.await(ALERTNAME, n -> n.stream().anyMatch(AlertPageRun::firing), WAIT);
        KAFKA.produce(feedBack);
        List<JsonNode> all =
            pager.await(ALERTNAME, n -> n.stream().anyMatch(AlertPageRun::resolved), WAIT);
        System.out.printf(
            "AvlOutagePageTest: %d notification(s) before the feed came back, %d in all; page: %s%n",
            paged.size(), all.size(), all.get(0).path("alerts").get(0).path("annotations"));

        assertThat(all).as("one page, one resolve").hasSize(2);
        assertThat(AlertPageRun.firing(all.get(0))).isTrue();
        assertThat(AlertPageRun.resolved(all.get(1))).isTrue();
        assertThat(all)
            .extracting(p -> p.path("groupKey").asText())
            .containsOnly(all.get(0).path("groupKey").asText());
        assertThat(all).extracting(p -> p.path("receiver").asText()).containsOnly("on-call");
        assertThat(all)
            .extracting(p -> p.path("alerts").size())
            .as("one alert: the London-wide feed")
            .containsOnly(1);

        // The job's own record: fired once inside the window, after the silence limit and the
        // rule's hold; resolved once, soon after the feed came back.
        // Up to the resolve: once the scenario's last positions have been read the feed is silent
        // again, and a loaded machine may let the job see that as a new outage before this reads.
        List<JsonNode> transitions = AlertPageRun.transitions(KAFKA, ALERTNAME);
        int resolve =
            transitions.stream().map(t -> t.path("state").asText()).toList().indexOf("RESOLVED");
        assertThat(transitions.subList(0, resolve + 1))
            .extracting(t -> t.path("state").asText())
            .containsExactly("FIRING", "RESOLVED");
        Instant fired = Instant.parse(transitions.get(0).path("time").asText());
        Instant resolved = Instant.parse(transitions.get(1).path("time").asText());
        AlertRule rule =
            job.alerts().rules().stream()
                .filter(r -> r.name().equals(ALERTNAME))
                .findFirst()
                .orElseThrow();
        // A vehicle's last position may be up to one AVL interval before the window: its silence
        // starts there.
        Duration earliest =
            job.fleet().silenceLimit().plus(rule.hold()).minus(settings.feeds().avlInterval());
        System.out.printf(
            "AvlOutagePageTest: outage %s-%s, fired %s after it began, resolved %s after it"
                + " ended%n",
            from, until, Duration.between(from, fired), Duration.between(until, resolved));
        assertThat(fired).isAfterOrEqualTo(from.plus(earliest));
        assertThat(fired).isBefore(from.plus(earliest).plus(Duration.ofMinutes(1)));
        assertThat(resolved).isAfter(until).isBefore(until.plus(Duration.ofMinutes(2)));
      } finally {
        second.cancel().get(1, TimeUnit.MINUTES);
      }
    }
  }

  private void awaitConsumed(Set<String> topics) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!KAFKA.consumedAll(GROUP, topics)) {
      assertThat(System.nanoTime()).as("the job consumed the records").isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
