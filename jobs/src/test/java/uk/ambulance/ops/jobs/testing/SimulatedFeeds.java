package uk.ambulance.ops.jobs.testing;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.output.DeliveryShaper;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;
import uk.ambulance.ops.generators.output.StreamWriter;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.sim.Simulation;

/** A simulated London service's records as its feeds deliver them, for tests that publish them. */
public final class SimulatedFeeds {
  /** The three input feeds. */
  public static final Set<String> ALL =
      Set.of(Topics.CAD_INCIDENTS, Topics.AVL_POSITIONS, Topics.HOSPITAL_STATUS);

  /** The CAD feed alone (vehicle positions are then not simulated, which is much faster). */
  public static final Set<String> CAD = Set.of(Topics.CAD_INCIDENTS);

  private SimulatedFeeds() {}

  /**
   * Every record of the simulation on {@code topics}, in delivery order, shaped as {@code
   * settings.delivery()} says (repeats, late and malformed copies); what really happened goes to
   * {@code groundTruth} as NDJSON (null: nowhere).
   */
  public static List<OutRecord> delivered(
      SimSettings settings, Set<String> topics, Writer groundTruth) {
    List<OutRecord> records = new ArrayList<>();
    RecordSink keep =
        new RecordSink() {
          @Override
          public void send(OutRecord r) {
            if (topics.contains(r.topic())) {
              records.add(r);
            }
          }

          @Override
          public void close() {}
        };
    try (StreamWriter writer =
        new StreamWriter(
            new DeliveryShaper(keep, settings.delivery(), settings.seed()),
            groundTruth,
            topics.contains(Topics.AVL_POSITIONS))) {
      new Simulation(settings, writer).run(t -> {});
    } catch (Exception e) {
      throw new IllegalStateException("the simulation failed: " + e, e);
    }
    return records;
  }

  /** The same records as a producer sends them. */
  public static List<ProducerRecord<byte[], byte[]>> producerRecords(
      SimSettings settings, Set<String> topics) {
    return delivered(settings, topics, null).stream().map(SimulatedFeeds::toProducer).toList();
  }

  /** As the producer sends it: to its topic, keyed as the contract says. */
  public static ProducerRecord<byte[], byte[]> toProducer(OutRecord r) {
    return toProducer(r.topic(), r);
  }

  /** As the producer sends it, to {@code topic} (a test's own copy of the contract's topic). */
  public static ProducerRecord<byte[], byte[]> toProducer(String topic, OutRecord r) {
    return new ProducerRecord<>(topic, r.key().getBytes(StandardCharsets.UTF_8), r.value());
  }
}
