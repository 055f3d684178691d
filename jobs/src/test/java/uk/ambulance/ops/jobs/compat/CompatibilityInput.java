package uk.ambulance.ops.jobs.compat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.output.DeliveryShaper;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;
import uk.ambulance.ops.generators.output.StreamWriter;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.sim.Simulation;

/**
 * The records a savepoint fixture was made from, in the order they were published, each with its
 * partition; and the simulator's ground truth for them. Both are stored beside the savepoint, so
 * that a fixture stays valid whatever later happens to the simulator: restoring it only makes sense
 * on exactly the records whose offsets its Kafka sources hold.
 */
public record CompatibilityInput(
    List<ProducerRecord<byte[], byte[]>> records, String truth, List<Long> sentAt) {

  /** The topics the job reads, each with this many partitions (as the local stack has them). */
  public static final int PARTITIONS = 4;

  public static final List<String> INPUT_TOPICS =
      List.of(Topics.CAD_INCIDENTS, Topics.AVL_POSITIONS, Topics.HOSPITAL_STATUS);

  static final String RECORDS_FILE = "input.tsv.gz";
  static final String TRUTH_FILE = "truth.ndjson.gz";

  /**
   * A simulated London evening across a London midnight (23:00 UTC in BST) and a month end: calls
   * from {@code start} for {@code duration}, then until every incident has closed; vehicle
   * positions every {@code avlInterval}; delivered as a real feed is, with repeats, late and
   * malformed records.
   */
  public record Scenario(Instant start, Duration duration, long seed, Duration avlInterval) {
    public static final Scenario LONDON_EVENING =
        new Scenario(
            Instant.parse("2026-04-30T21:00:00Z"),
            Duration.ofHours(3),
            SimSettings.defaults().seed(),
            // Positions every 5 minutes (a real feed sends every 30 s or so): every vehicle still
            // has state, and the fixture stays small.
            Duration.ofMinutes(5));

    SimSettings settings() {
      return SimSettings.defaults()
          .withStart(start)
          .withDuration(duration)
          .withSeed(seed)
          .withFeeds(new SimSettings.Feeds(avlInterval, Duration.ofMinutes(15), true))
          .withDelivery(new SimSettings.Delivery(0.002, 0.01, 0.02, Duration.ofMinutes(2)));
    }
  }

  /** Runs the simulator: the same scenario gives the same records, in the same order. */
  public static CompatibilityInput simulate(Scenario scenario) throws IOException {
    SimSettings settings = scenario.settings();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    List<Long> sentAt = new ArrayList<>();
    long[] clock = {Long.MIN_VALUE};
    RecordSink toList =
        new RecordSink() {
          @Override
          public void send(OutRecord r) {
            byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(r.topic(), partitionOf(key), key, r.value()));
            // A held-back record is sent once the simulation has passed its delivery time.
            clock[0] = Math.max(clock[0], r.timeMillis());
            sentAt.add(clock[0]);
          }

          @Override
          public void close() {}
        };
    StringWriter truth = new StringWriter();
    try (StreamWriter writer =
        new StreamWriter(
            new DeliveryShaper(toList, settings.delivery(), settings.seed()), truth, true)) {
      new Simulation(settings, writer).run(t -> {});
    }
    return new CompatibilityInput(records, truth.toString(), sentAt);
  }

  /**
   * Kafka's partition for a keyed record, fixed here rather than left to the producer, so that the
   * same records land on the same offsets whatever a future client's default partitioner does.
   */
  static int partitionOf(byte[] key) {
    return Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
  }

  /**
   * The number of records sent before the simulation reached {@code time}: they are the first half.
   * Only known right after {@link #simulate}; the fixture records the number.
   */
  public int sentBefore(Instant time) {
    int i = 0;
    while (i < records.size() && sentAt.get(i) < time.toEpochMilli()) {
      i++;
    }
    return i;
  }

  /** Per partition, the offset after the records {@code [0, count)} on a fresh topic. */
  public Map<TopicPartition, Long> endOffsets(int count) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (String topic : INPUT_TOPICS) {
      for (int p = 0; p < PARTITIONS; p++) {
        ends.put(new TopicPartition(topic, p), 0L);
      }
    }
    for (ProducerRecord<byte[], byte[]> r : records.subList(0, count)) {
      ends.merge(new TopicPartition(r.topic(), r.partition()), 1L, Long::sum);
    }
    return ends;
  }

  public void write(Path directory) throws IOException {
    try (BufferedWriter out = gzipWriter(directory.resolve(RECORDS_FILE))) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        out.write(
            String.join(
                "\t",
                r.topic(),
                Integer.toString(r.partition()),
                new String(r.key(), StandardCharsets.UTF_8),
                encode(r.value())));
        out.write('\n');
      }
    }
    try (BufferedWriter out = gzipWriter(directory.resolve(TRUTH_FILE))) {
      out.write(truth);
    }
  }

  public static CompatibilityInput read(Path directory) throws IOException {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (BufferedReader in = gzipReader(directory.resolve(RECORDS_FILE))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t", 4);
        records.add(
            new ProducerRecord<>(
                f[0], Integer.parseInt(f[1]), f[2].getBytes(StandardCharsets.UTF_8), decode(f[3])));
      }
    }
    StringBuilder truth = new StringBuilder();
    try (BufferedReader in = gzipReader(directory.resolve(TRUTH_FILE))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        truth.append(line).append('\n');
      }
    }
    return new CompatibilityInput(records, truth.toString(), List.of());
  }

  /**
   * A value as it reads ({@code j} and the text) when it is one line of UTF-8, else {@code b} and
   * its Base64 (a malformed record may be cut in the middle of a character): readable, and exact.
   */
  private static String encode(byte[] value) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
      if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
        return "j" + text;
      }
    } catch (CharacterCodingException notText) {
      // Base64 below.
    }
    return "b" + Base64.getEncoder().encodeToString(value);
  }

  private static byte[] decode(String field) {
    return field.charAt(0) == 'j'
        ? field.substring(1).getBytes(StandardCharsets.UTF_8)
        : Base64.getDecoder().decode(field.substring(1));
  }

  private static BufferedWriter gzipWriter(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8));
  }

  private static BufferedReader gzipReader(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
  }
}
