package uk.ambulance.ops.jobs.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;

/**
 * The lock-up an operator saw, rebuilt: the whole job live, a crew still waiting at an ED, then the
 * CAD feed falls quiet (two of its four partitions never spoke at all) while the hospital status
 * feed has long gone quiet too. Time must run on with the wall clock, never faster, with the crew
 * counted as waiting at every tick; the old rules sent the ED's time to the end of time and wrote
 * ticks for ever.
 */
@ClusterTest
class QuietCadFeedTest {
  @RegisterExtension
  @Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long T0 = Instant.parse("2026-04-06T20:00:00Z").toEpochMilli();
  private static final long TICK = SECOND;
  private static final java.util.Set<String> WALL_CLOCK_STAMPED =
      java.util.Set.of("pipeline", "alerts");

  @Test
  void quietCadFeedLetsTimeRunOnWithTheWallClockAndNoFurther() throws Exception {
    KAFKA.createContractTopics(4);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    records.add(
        record(
            Topics.HOSPITAL_STATUS,
            "H1",
            EventJson.toBytes(
                new HospitalStatus(
                    "st",
                    "H1",
                    Instant.ofEpochMilli(T0),
                    "St Elsewhere",
                    51.5,
                    -0.1,
                    91,
                    7,
                    3,
                    false))));
    // The crew that is still waiting when the feed falls quiet ...
    List<IncidentEvent> cad = new ArrayList<>();
    cad.add(step("STUCK", IncidentEventType.ARRIVED_HOSPITAL, T0));
    // ... and two crews handed over in the minutes before. All on one partition: a quiet
    // partition's time runs on from its own newest event, and the other three never speak.
    for (String incident : List.of("A", "B")) {
      cad.add(step(incident, IncidentEventType.ARRIVED_HOSPITAL, T0 + MINUTE));
      cad.add(step(incident, IncidentEventType.HANDOVER_COMPLETE, T0 + 5 * MINUTE));
    }
    long lastCad = T0 + 5 * MINUTE;
    for (IncidentEvent e : cad) {
      records.add(
          new ProducerRecord<>(
              Topics.CAD_INCIDENTS,
              0,
              e.incidentId().getBytes(StandardCharsets.UTF_8),
              EventJson.toBytes(e)));
    }
    KAFKA.produce(records);

    JobSettings settings =
        JobSettings.parse(
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--influx-url",
            "http://unused",
            "--consumer-group",
            "quiet-" + UUID.randomUUID(),
            "--out-of-orderness-s",
            "1",
            "--idleness-s",
            "2",
            "--tick-s",
            "1");
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(2);
    env.enableCheckpointing(500);
    TimedSink sink = new TimedSink();
    long started = System.currentTimeMillis();
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        KafkaEndpoints.inputs(settings),
        new OpsAnalyticsWorkflow.Outputs(sink, KafkaEndpoints.deadLetterSink(settings)));
    JobClient job = env.executeAsync("quiet-cad-feed");
    long wanted = lastCad + 10 * SECOND;
    try {
      long deadline = System.currentTimeMillis() + 90 * SECOND;
      while (sink.latestHandoverTick() < wanted && System.currentTimeMillis() < deadline) {
        LockSupport.parkNanos(50_000_000L); // poll interval
      }
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
    }

    List<TimedPoint> points = sink.collected();
    assertThat(sink.latestHandoverTick())
        .as("the ED's time runs on after CAD falls quiet")
        .isGreaterThanOrEqualTo(wanted);
    for (TimedPoint p : points) {
      // No point in the future; and event time cannot have run faster than the wall clock since
      // the job started reading (pipeline counters and the alerts of wall-clock rules, such as a
      // silent input stream, are stamped with the wall clock itself).
      long bound =
          WALL_CLOCK_STAMPED.contains(p.point().measurement())
              ? p.writtenAt()
              : lastCad + (p.writtenAt() - started);
      assertThat(p.point().timeMillis())
          .as("%s written %d ms after start", p.point(), p.writtenAt() - started)
          .isLessThanOrEqualTo(bound);
    }
    List<InfluxPoint> quietTicks =
        points.stream()
            .map(TimedPoint::point)
            .filter(p -> p.measurement().equals("handovers") && p.timeMillis() > lastCad)
            .toList();
    assertThat(quietTicks)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.fields()).containsEntry("waiting", 1L));
    long wallSpan = points.get(points.size() - 1).writtenAt() - started;
    assertThat(quietTicks.size()).isLessThanOrEqualTo((int) (wallSpan / TICK) + 2);
  }

  private static IncidentEvent step(String incident, IncidentEventType type, long t) {
    return IncidentEvent.vehicleStep(
        incident + type, incident, type, Instant.ofEpochMilli(t), "V-" + incident, "H1");
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  record TimedPoint(InfluxPoint point, long writtenAt) {}

  /** Keeps each point with the wall time it reached the sink. */
  private static final class TimedSink implements Sink<InfluxPoint> {
    private static final Map<String, Queue<TimedPoint>> POINTS = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    TimedSink() {
      POINTS.put(id, new ConcurrentLinkedQueue<>());
    }

    List<TimedPoint> collected() {
      return new ArrayList<>(POINTS.get(id));
    }

    long latestHandoverTick() {
      return POINTS.get(id).stream()
          .filter(p -> p.point().measurement().equals("handovers"))
          .mapToLong(p -> p.point().timeMillis())
          .max()
          .orElse(Long.MIN_VALUE);
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
      Queue<TimedPoint> queue = POINTS.get(id);
      return new SinkWriter<>() {
        @Override
        public void write(InfluxPoint p, Context context) {
          queue.add(new TimedPoint(p, System.currentTimeMillis()));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
