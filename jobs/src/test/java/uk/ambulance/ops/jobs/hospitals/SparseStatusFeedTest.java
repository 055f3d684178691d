package uk.ambulance.ops.jobs.hospitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.json.HospitalStatusParser;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.VehiclePositionParser;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;

/**
 * The whole job, live (unbounded sources, so nothing is flushed by an end of input), with idleness
 * set to an hour so it cannot be what helps: the hospital feed reports three times in its first 30
 * minutes and then falls silent while CAD goes on for two hours. Handover ticks must follow CAD's
 * time to its end, with the status in force at each tick.
 */
@ClusterTest
class SparseStatusFeedTest {
  @RegisterExtension
  @Order(1)
  static final KafkaAndFlink CLUSTER =
      new KafkaAndFlink(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  private static final long MINUTE = 60_000;
  private static final long T0 = Instant.parse("2026-04-06T08:00:00Z").toEpochMilli();
  private static final long CAD_END = T0 + 120 * MINUTE;
  private static final long LAST_STATUS = T0 + 30 * MINUTE;

  @Test
  void handoverTicksFollowCadTimeLongAfterTheStatusFeedFallsSilent() throws Exception {
    KAFKA.createContractTopics(1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (long t = T0; t <= LAST_STATUS; t += 15 * MINUTE) {
      HospitalStatus s =
          new HospitalStatus(
              "st" + t, "H1", Instant.ofEpochMilli(t), "St Elsewhere", 51.5, -0.1, 91, 7, 3, false);
      records.add(record(Topics.HOSPITAL_STATUS, "H1", EventJson.toBytes(s)));
    }
    // A crew arrives every 4 minutes and is handed over 25 minutes later, for two hours.
    List<IncidentEvent> cad = new ArrayList<>();
    for (long t = T0; t + 25 * MINUTE <= CAD_END; t += 4 * MINUTE) {
      String incident = "INC-" + t;
      cad.add(step(incident, IncidentEventType.ARRIVED_HOSPITAL, t));
      cad.add(step(incident, IncidentEventType.HANDOVER_COMPLETE, t + 25 * MINUTE));
    }
    cad.sort((a, b) -> a.time().compareTo(b.time()));
    cad.forEach(
        e -> records.add(record(Topics.CAD_INCIDENTS, e.incidentId(), EventJson.toBytes(e))));
    KAFKA.produce(records);

    JobSettings settings =
        JobSettings.parse(
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--influx-url",
            "http://unused",
            "--consumer-group",
            "sparse-" + UUID.randomUUID(),
            "--idleness-s",
            "3600");
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(1);
    // The last tick CAD's watermark (30 s out of order) can reach.
    long lastCad = cad.get(cad.size() - 1).timeMillis();
    long lastTick = (lastCad - 30_000 - 1) / 10_000 * 10_000;
    WaitingSink sink = new WaitingSink(lastTick);
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        new OpsAnalyticsWorkflow.Inputs(
            KafkaEndpoints.source(
                settings,
                Topics.CAD_INCIDENTS,
                new IncidentEventParser(settings.validationRules()),
                IncidentEvent.class),
            KafkaEndpoints.source(
                settings,
                Topics.AVL_POSITIONS,
                new VehiclePositionParser(settings.validationRules()),
                VehiclePosition.class),
            KafkaEndpoints.source(
                settings,
                Topics.HOSPITAL_STATUS,
                new HospitalStatusParser(settings.validationRules()),
                HospitalStatus.class)),
        new OpsAnalyticsWorkflow.Outputs(sink, KafkaEndpoints.deadLetterSink(settings)));
    JobClient job = env.executeAsync("sparse-status-feed");
    try {
      // Fails after a minute if time is held back at the last status (it would never arrive).
      sink.reached().get(60, TimeUnit.SECONDS);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }

    List<InfluxPoint> points = sink.collected();
    for (InfluxPoint p : points) {
      long t = p.timeMillis();
      if (p.measurement().equals("hospital_capacity")) {
        long statusAt = Math.min(LAST_STATUS, t / (15 * MINUTE) * (15 * MINUTE));
        assertThat(p.fields())
            .as("capacity at %s", t)
            .containsEntry("status_age_s", (t - statusAt) / 1000.0)
            .containsEntry("opel_level", 3L);
      }
      if (p.measurement().equals("handovers")) {
        long waiting =
            cad.stream()
                .filter(e -> e.type() == IncidentEventType.ARRIVED_HOSPITAL)
                .filter(e -> e.timeMillis() <= t && t < e.timeMillis() + 25 * MINUTE)
                .count();
        assertThat(p.fields()).as("waiting at %s", t).containsEntry("waiting", waiting);
      }
    }
    assertThat(points)
        .filteredOn(p -> p.measurement().equals("handovers"))
        .extracting(InfluxPoint::timeMillis)
        .contains(LAST_STATUS + 60 * MINUTE, lastTick);
  }

  private static IncidentEvent step(String incident, IncidentEventType type, long t) {
    return IncidentEvent.vehicleStep(
        incident + type, incident, type, Instant.ofEpochMilli(t), "V-" + incident, "H1");
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  /** Collects points and completes a future once a handovers point reaches a given time. */
  private static final class WaitingSink implements Sink<InfluxPoint> {
    private static final Map<String, Queue<InfluxPoint>> POINTS = new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Void>> REACHED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final long until;

    WaitingSink(long until) {
      this.until = until;
      POINTS.put(id, new ConcurrentLinkedQueue<>());
      REACHED.put(id, new CompletableFuture<>());
    }

    CompletableFuture<Void> reached() {
      return REACHED.get(id);
    }

    List<InfluxPoint> collected() {
      return new ArrayList<>(POINTS.get(id));
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
      Queue<InfluxPoint> queue = POINTS.get(id);
      CompletableFuture<Void> reached = REACHED.get(id);
      long target = until;
      return new SinkWriter<>() {
        @Override
        public void write(InfluxPoint p, Context context) {
          queue.add(p);
          if (p.measurement().equals("handovers") && p.timeMillis() >= target) {
            reached.complete(null);
          }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
