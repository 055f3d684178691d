package uk.ambulance.ops.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.output.DeliveryShaper;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;
import uk.ambulance.ops.generators.output.StreamWriter;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.sim.Simulation;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsJob;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.sink.alertmanager.AlertmanagerSink;
import uk.ambulance.ops.jobs.testing.AlertmanagerServer;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.FlinkCluster;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALERTNAME = "MajorIncident";
  private static final Duration WAIT = Duration.ofMinutes(4);

  @RegisterExtension
  @Order(1)
  static final EmbeddedKafka KAFKA = new EmbeddedKafka();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

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
    List<ProducerRecord<byte[], byte[]>> before = new ArrayList<>();
    List<ProducerRecord<byte[], byte[]>> after = new ArrayList<>();
    simulate(settings, midIncident, before, after);
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
              "--alert-resend-s", "5");
      KAFKA.produce(before);
      JobClient first = start(job, null);
      List<JsonNode> paged =
          pager.await(ALERTNAME, n -> n.stream().anyMatch(MajorIncidentPageTest::firing), WAIT);
      String savepoint =
          first
              .stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(2, TimeUnit.MINUTES);

      JobClient second = start(job, savepoint);
      try {
        KAFKA.produce(after);
        List<JsonNode> all =
            pager.await(
                ALERTNAME,
                n -> n.stream().anyMatch(p -> p.path("status").asText().equals("resolved")),
                WAIT);
        System.out.printf(
            "MajorIncidentPageTest: %d notification(s) before the restart, %d in all; first page: %s%n",
            paged.size(), all.size(), all.get(0).path("alerts").get(0).path("annotations"));
        assertThat(all)
            .extracting(p -> p.path("groupKey").asText())
            .as("one group")
            .containsOnly(all.get(0).path("groupKey").asText());
        assertThat(all.get(0).path("receiver").asText()).isEqualTo("on-call");
        assertThat(firing(all.get(0))).isTrue();
        // The calls' centre may move to a neighbouring cell: the group then tells of the new
        // cell and of the old one's end. But no notification repeats the one before it, which is
        // what a restart that re-announced the firing alert would cause.
        for (int i = 1; i < all.size(); i++) {
          assertThat(alertStates(all.get(i)))
              .as("notification %d repeats the one before: %s", i, all.get(i))
              .isNotEqualTo(alertStates(all.get(i - 1)));
        }
        JsonNode last = all.get(all.size() - 1);
        assertThat(last.path("status").asText()).isEqualTo("resolved");
        for (JsonNode a : last.path("alerts")) {
          assertThat(a.path("status").asText()).isEqualTo("resolved");
        }

        // ops.alerts holds the same story: each incident alert fired once and resolved once.
        List<JsonNode> transitions = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
            KAFKA.consume(Topics.OPS_ALERTS, Integer.MAX_VALUE, Duration.ofSeconds(5))) {
          JsonNode t = JSON.readTree(r.value());
          if (t.path("rule").asText().equals(ALERTNAME)) {
            transitions.add(t);
          }
        }
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

  /** Each alert of a notification (by fingerprint) with its status. */
  private static Set<String> alertStates(JsonNode notification) {
    Set<String> states = new HashSet<>();
    for (JsonNode a : notification.path("alerts")) {
      states.add(a.path("fingerprint").asText() + "=" + a.path("status").asText());
    }
    return states;
  }

  private static boolean firing(JsonNode notification) {
    return notification.path("status").asText().equals("firing");
  }

  private static JobClient start(JobSettings job, String savepoint) throws Exception {
    Configuration conf = new Configuration();
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(2_000);
    OpsAnalyticsWorkflow.define(
        env,
        job,
        KafkaEndpoints.inputs(job),
        new OpsAnalyticsWorkflow.Outputs(
            new DiscardingSink<>(),
            KafkaEndpoints.deadLetterSink(job),
            KafkaEndpoints.alertSink(job),
            new AlertmanagerSink(job.alerts(), OpsAnalyticsJob.JOB_NAME)));
    return env.executeAsync("major incident page" + (savepoint == null ? "" : ", restored"));
  }

  /** CAD records of the simulated hours, split at an event time. */
  private static void simulate(
      SimSettings settings,
      long splitAtMs,
      List<ProducerRecord<byte[], byte[]>> before,
      List<ProducerRecord<byte[], byte[]>> after)
      throws Exception {
    RecordSink split =
        new RecordSink() {
          @Override
          public void send(OutRecord r) {
            if (r.topic().equals(Topics.CAD_INCIDENTS)) {
              (r.timeMillis() <= splitAtMs ? before : after)
                  .add(
                      new ProducerRecord<>(
                          r.topic(), r.key().getBytes(StandardCharsets.UTF_8), r.value()));
            }
          }

          @Override
          public void close() {}
        };
    try (StreamWriter writer =
        new StreamWriter(
            new DeliveryShaper(split, settings.delivery(), settings.seed()),
            Writer.nullWriter(),
            false)) {
      new Simulation(settings, writer).run(t -> {});
    }
  }
}
