package uk.ambulance.ops.jobs.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;
import uk.ambulance.ops.jobs.testing.ReplayRun;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;

/**
 * The same records replayed three times through the whole job (twice at parallelism 2, once at
 * parallelism 1) must leave InfluxDB holding the same points: a simulated London evening across
 * midnight, delivered with real feeds' faults (repeats, records up to two minutes late, malformed
 * copies) over four CAD partitions, so that partitions and parallel tasks interleave differently on
 * every run.
 *
 * <p>Compared: the measurements the contract (events/README.md, "Replays") says a replay writes
 * identically, {@code response_times}, {@code outcomes} and {@code calls_waiting}; for the last, a
 * point of {@code waiting=0} that repeats the previous reading of its series (or opens it) may be
 * written by one run and not the other, which reads the same. The live-value measurements (demand,
 * fleet, hospitals) and the wall-clock {@code pipeline} points are not compared.
 */
@ClusterTest
class ReplayDeterminismTest {

  @RegisterExtension
  @org.junit.jupiter.api.Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  /** What the contract says a replay writes identically. */
  private static final Set<String> REPLAYED_IDENTICALLY =
      Set.of(
          Metrics.ResponseTimes.MEASUREMENT,
          Metrics.Outcomes.MEASUREMENT,
          Metrics.CallsWaiting.MEASUREMENT);

  private static final List<Map<String, InfluxPoint>> RUNS = new ArrayList<>();

  @BeforeAll
  static void replayTheSameRecordsThreeTimes() throws Exception {
    SimSettings settings =
        SimSettings.defaults()
            // 22:00 to 02:00 London time: an evening, a midnight, the next day's first hours.
            .withStart(Instant.parse("2026-04-06T21:00:00Z"))
            .withDuration(Duration.ofHours(4))
            .withFeeds(new SimSettings.Feeds(Duration.ofMinutes(5), Duration.ofMinutes(15), false))
            .withDelivery(new SimSettings.Delivery(0.002, 0.01, 0.02, Duration.ofMinutes(2)));
    List<ProducerRecord<byte[], byte[]>> records =
        SimulatedFeeds.producerRecords(settings, SimulatedFeeds.ALL);
    KAFKA.createContractTopics(4);
    KAFKA.produce(records);
    for (int parallelism : new int[] {2, 2, 1}) {
      ReplayRun.Result run = ReplayRun.of(null, parallelism, KAFKA.bootstrapServers());
      System.out.printf(
          "ReplayDeterminismTest: %d records, parallelism %d, %d points, job %.1f s%n",
          records.size(), parallelism, run.points().size(), run.jobSeconds());
      Map<String, InfluxPoint> points = new TreeMap<>(run.points());
      points.keySet().removeIf(k -> !REPLAYED_IDENTICALLY.contains(k.substring(0, k.indexOf(' '))));
      dropRepeatedZeros(points);
      RUNS.add(points);
    }
  }

  /**
   * Drops the {@code calls_waiting} points of {@code waiting=0} that repeat the previous point of
   * their series or open it: the same reading whether written or not.
   */
  private static void dropRepeatedZeros(Map<String, InfluxPoint> sorted) {
    Map<String, Object> previousBySeries = new java.util.HashMap<>();
    List<InfluxPoint> inTimeOrder = new ArrayList<>(sorted.values());
    inTimeOrder.sort(java.util.Comparator.comparingLong(InfluxPoint::timeMillis));
    for (InfluxPoint p : inTimeOrder) {
      if (!p.measurement().equals(Metrics.CallsWaiting.MEASUREMENT)) {
        continue;
      }
      String series = p.tags().toString();
      Object previous = previousBySeries.put(series, p.fields());
      boolean zero = Long.valueOf(0).equals(p.fields().get(Metrics.CallsWaiting.WAITING));
      if (zero && (previous == null || previous.equals(p.fields()))) {
        sorted.remove(
            p.measurement()
                + " "
                + uk.ambulance.ops.jobs.testing.LatestPointsSink.identity(
                    p.tags(), p.timeMillis()));
      }
    }
  }

  @Test
  void everyMeasurementIsWritten() {
    Set<String> measurements = new TreeSet<>();
    RUNS.get(0).values().forEach(p -> measurements.add(p.measurement()));
    assertThat(measurements)
        .contains(
            Metrics.ResponseTimes.MEASUREMENT,
            Metrics.CallsWaiting.MEASUREMENT,
            Metrics.Outcomes.MEASUREMENT);
  }

  @Test
  void twoReplaysAtParallelismTwoWriteTheSamePoints() {
    assertSamePoints(RUNS.get(0), RUNS.get(1));
  }

  @Test
  void parallelismOneWritesWhatParallelismTwoWrites() {
    assertSamePoints(RUNS.get(0), RUNS.get(2));
  }

  /** Per measurement: the identities only one run wrote, and those written with other fields. */
  private static void assertSamePoints(Map<String, InfluxPoint> a, Map<String, InfluxPoint> b) {
    Map<String, int[]> differences = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    Set<String> identities = new TreeSet<>(a.keySet());
    identities.addAll(b.keySet());
    for (String id : identities) {
      InfluxPoint pa = a.get(id);
      InfluxPoint pb = b.get(id);
      String measurement = id.substring(0, id.indexOf(' '));
      int[] d = differences.computeIfAbsent(measurement, m -> new int[3]);
      if (pa == null || pb == null) {
        d[pa == null ? 1 : 0]++;
      } else if (!pa.fields().equals(pb.fields())) {
        d[2]++;
      } else {
        continue;
      }
      if (d[0] + d[1] + d[2] <= 6) {
        examples.add(
            id
                + ": "
                + (pa == null ? "-" : pa.fields())
                + " / "
                + (pb == null ? "-" : pb.fields()));
      }
    }
    StringBuilder report = new StringBuilder();
    differences.forEach(
        (m, d) -> {
          if (d[0] + d[1] + d[2] > 0) {
            report.append(
                String.format(
                    "%s: %d only in the first, %d only in the second, %d with other fields%n",
                    m, d[0], d[1], d[2]));
          }
        });
    examples.forEach(e -> report.append(e).append('\n'));
    assertThat(report.toString()).as("points %d vs %d", a.size(), b.size()).isEmpty();
  }
}
