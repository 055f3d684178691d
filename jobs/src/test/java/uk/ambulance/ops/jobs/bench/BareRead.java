package uk.ambulance.ops.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.HospitalStatusParser;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.RecordParser;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.json.VehiclePositionParser;

/**
 * The physical limit of a replay: one plain Kafka consumer reads every record of the three input
 * topics from the start and parses each, in this thread. Its rate and CPU per record are what a job
 * that did nothing else could reach.
 */
record BareRead(long records, double seconds, double cpuMicrosPerRecord) {

  /** Parses a record of a topic; the result is kept from the optimiser by {@link #sink}. */
  interface Parse extends BiConsumer<String, byte[]> {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile Object sink;

  /** Jackson's tree model, nothing checked: the cheapest honest parse. */
  static final Parse JACKSON =
      (topic, value) -> {
        try {
          sink = MAPPER.readTree(value);
        } catch (IOException e) {
          sink = e;
        }
      };

  /** The parsers the job itself runs where records enter (shape, fields, region, time). */
  static final Parse VALIDATING = validating();

  private static Parse validating() {
    ValidationRules rules = ValidationRules.defaults();
    Map<String, RecordParser<?>> parsers =
        Map.of(
            Topics.CAD_INCIDENTS, new IncidentEventParser(rules),
            Topics.AVL_POSITIONS, new VehiclePositionParser(rules),
            Topics.HOSPITAL_STATUS, new HospitalStatusParser(rules));
    return (topic, value) -> sink = parsers.get(topic).parse(value);
  }

  double rate() {
    return records / seconds;
  }

  /** Reads {@code expected} records of the input topics from the beginning, parsing each. */
  static BareRead run(String bootstrap, long expected, Parse parse) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          List.of(Topics.CAD_INCIDENTS, Topics.AVL_POSITIONS, Topics.HOSPITAL_STATUS).stream()
              .flatMap(
                  t ->
                      consumer.partitionsFor(t).stream()
                          .map(p -> new TopicPartition(t, p.partition())))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long read = 0;
      int emptyPolls = 0;
      while (read < expected && emptyPolls < 50) {
        var batch = consumer.poll(Duration.ofMillis(200));
        emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          parse.accept(r.topic(), r.value());
          read++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (read < expected) {
        throw new IllegalStateException("read " + read + " of " + expected + " records");
      }
      return new BareRead(read, seconds, (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / read);
    }
  }
}
