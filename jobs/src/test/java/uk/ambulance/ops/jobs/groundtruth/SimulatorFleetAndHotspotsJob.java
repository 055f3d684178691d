package uk.ambulance.ops.jobs.groundtruth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.HospitalStatusParser;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.VehiclePositionParser;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;

/**
 * Runs the real simulator in-process, sends what it emits on the chosen topics to a real Kafka
 * broker, and runs the whole job over it in {@code --replay} mode. Each run reads its own copies of
 * the input topics ({@code run.cad.incidents} and so on), built by the job's own source builder, so
 * that several runs can share one broker.
 */
final class SimulatorFleetAndHotspotsJob {

  /** The points the job wrote for the kept measurements, what was sent, and what the run cost. */
  record Result(
      List<InfluxPoint> points,
      List<ProducerRecord<byte[], byte[]>> sent,
      double simulateS,
      double jobS) {
    int records() {
      return sent.size();
    }
  }

  private SimulatorFleetAndHotspotsJob() {}

  static Result run(
      EmbeddedKafka kafka,
      String name,
      SimSettings settings,
      Set<String> topics,
      Set<String> measurements)
      throws Exception {
    String run = name.replaceAll("[^A-Za-z0-9._-]", "-");
    long simulateStart = System.nanoTime();
    List<ProducerRecord<byte[], byte[]>> records =
        SimulatedFeeds.delivered(settings, topics, null).stream()
            .map(r -> SimulatedFeeds.toProducer(run + "." + r.topic(), r))
            .toList();
    Map<String, Integer> partitions = new HashMap<>();
    partitions.put(run + "." + Topics.CAD_INCIDENTS, 4);
    partitions.put(run + "." + Topics.AVL_POSITIONS, 2);
    partitions.put(run + "." + Topics.HOSPITAL_STATUS, 1);
    kafka.createTopics(partitions);
    kafka.produce(records);

    JobSettings job =
        JobSettings.parse(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--influx-url",
            "http://unused",
            "--consumer-group",
            "ops-" + run,
            "--replay");
    var rules = job.validationRules();
    // As KafkaEndpoints.inputs(job), on this run's topics.
    OpsAnalyticsWorkflow.Inputs inputs =
        new OpsAnalyticsWorkflow.Inputs(
            KafkaEndpoints.source(
                job,
                run + "." + Topics.CAD_INCIDENTS,
                new IncidentEventParser(rules),
                IncidentEvent.class),
            KafkaEndpoints.source(
                job,
                run + "." + Topics.AVL_POSITIONS,
                new VehiclePositionParser(rules),
                VehiclePosition.class),
            KafkaEndpoints.source(
                job,
                run + "." + Topics.HOSPITAL_STATUS,
                new HospitalStatusParser(rules),
                HospitalStatus.class));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
    env.setParallelism(2);
    KeepMeasurements sink = new KeepMeasurements(measurements);
    OpsAnalyticsWorkflow.define(
        env,
        job,
        inputs,
        new OpsAnalyticsWorkflow.Outputs(sink, KafkaEndpoints.deadLetterSink(job)));
    long jobStart = System.nanoTime();
    env.execute(run);
    long end = System.nanoTime();
    return new Result(
        sink.kept(), records, (jobStart - simulateStart) / 1e9, (end - jobStart) / 1e9);
  }

  /** Every point of the given measurements, in the order the sink's writers received them. */
  static final class KeepMeasurements implements Sink<InfluxPoint> {
    private static final Map<String, Queue<InfluxPoint>> KEPT = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Set<String> measurements;

    KeepMeasurements(Set<String> measurements) {
      this.measurements = Set.copyOf(measurements);
      KEPT.put(id, new ConcurrentLinkedQueue<>());
    }

    List<InfluxPoint> kept() {
      return new ArrayList<>(KEPT.remove(id));
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
      Queue<InfluxPoint> queue = KEPT.get(id);
      return new SinkWriter<>() {
        @Override
        public void write(InfluxPoint point, Context context) {
          if (measurements.contains(point.measurement())) {
            queue.add(point);
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
