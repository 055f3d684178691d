package uk.ambulance.ops.jobs.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsJob;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.sink.alertmanager.AlertmanagerSink;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;

/**
 * What the page tests share: a simulator scenario's records split at an event time (the first part
 * raises the alert, the second ends it, so that Alertmanager has notified the firing before it
 * hears of the resolve), the whole job delivering to Alertmanager, and readings of the webhook's
 * notifications and of {@code ops.alerts}.
 */
final class AlertPageRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertPageRun() {}

  /**
   * The simulator's records on the given topics, in phases split at event times: the first phase
   * holds the records up to the first split, the last those after the last split.
   */
  static List<List<ProducerRecord<byte[], byte[]>>> simulate(
      SimSettings settings, Set<String> topics, long... splitsMs) throws Exception {
    List<List<ProducerRecord<byte[], byte[]>>> phases = new ArrayList<>();
    for (int i = 0; i <= splitsMs.length; i++) {
      phases.add(new ArrayList<>());
    }
    for (OutRecord r : SimulatedFeeds.delivered(settings, topics, null)) {
      int phase = 0;
      while (phase < splitsMs.length && r.timeMillis() > splitsMs[phase]) {
        phase++;
      }
      phases.get(phase).add(SimulatedFeeds.toProducer(r));
    }
    return phases;
  }

  /** The whole job, delivering to the Alertmanager its settings name; from a savepoint or not. */
  static JobClient start(JobSettings job, String savepoint, String name) throws Exception {
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
    return env.executeAsync(name + (savepoint == null ? "" : ", restored"));
  }

  static boolean firing(JsonNode notification) {
    return notification.path("status").asText().equals("firing");
  }

  static boolean resolved(JsonNode notification) {
    return notification.path("status").asText().equals("resolved");
  }

  /** Each alert of a notification (by fingerprint) with its status. */
  static Set<String> alertStates(JsonNode notification) {
    Set<String> states = new HashSet<>();
    for (JsonNode a : notification.path("alerts")) {
      states.add(a.path("fingerprint").asText() + "=" + a.path("status").asText());
    }
    return states;
  }

  /** The transitions of a rule the job wrote to {@code ops.alerts}, in topic order. */
  static List<JsonNode> transitions(EmbeddedKafka kafka, String rule) throws Exception {
    List<JsonNode> transitions = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        kafka.consume(Topics.OPS_ALERTS, Integer.MAX_VALUE, Duration.ofSeconds(5))) {
      JsonNode t = JSON.readTree(r.value());
      if (t.path("rule").asText().equals(rule)) {
        transitions.add(t);
      }
    }
    return transitions;
  }
}
