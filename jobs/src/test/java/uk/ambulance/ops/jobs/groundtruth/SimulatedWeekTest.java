package uk.ambulance.ops.jobs.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.truth.GroundTruth;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;
import uk.ambulance.ops.jobs.testing.LatestPointsSink;
import uk.ambulance.ops.jobs.testing.PercentileInc;
import uk.ambulance.ops.jobs.testing.ReplayRun;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;
import uk.ambulance.ops.jobs.window.CalendarPeriod;

/**
 * A simulated London week, delivered with real feeds' faults (repeats, late and malformed records),
 * through a real Kafka broker and the whole job. What the job ends up writing for every
 * response-time window, category and area must equal a batch calculation over the simulator's
 * ground truth: the simulator knows each incident's true clock start and stop, independently of the
 * job's code.
 */
@ClusterTest
class SimulatedWeekTest {

  @RegisterExtension
  @org.junit.jupiter.api.Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  private static final long HOUR = 3_600_000;
  private static final long TICK = 10_000;

  /** Per window key ("C2|NW"): the counted incidents' clock stops (sorted) and response times. */
  private static final Map<String, long[][]> TRUTH = new HashMap<>();

  private static Map<String, InfluxPoint> written;
  private static int incidentsCounted;

  @BeforeAll
  static void simulateAWeekAndRunTheJob() throws Exception {
    SimSettings settings =
        SimSettings.defaults()
            .withDuration(Duration.ofDays(7))
            .withFeeds(new SimSettings.Feeds(Duration.ofSeconds(30), Duration.ofMinutes(15), false))
            .withDelivery(new SimSettings.Delivery(0.002, 0.01, 0.02, Duration.ofMinutes(2)));
    StringWriter truth = new StringWriter();
    List<ProducerRecord<byte[], byte[]>> records =
        SimulatedFeeds.delivered(settings, SimulatedFeeds.CAD, truth).stream()
            .map(SimulatedFeeds::toProducer)
            .toList();
    readTruth(truth.toString());

    System.out.printf(
        "SimulatedWeekTest: %d cad.incidents records, %d incidents counted%n",
        records.size(), incidentsCounted);
    long produceStart = System.nanoTime();
    KAFKA.createContractTopics(4);
    KAFKA.produce(records);

    double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
    ReplayRun.Result run = ReplayRun.of("response_times", KAFKA.bootstrapServers());
    System.out.printf(
        "SimulatedWeekTest: produce %.1f s, job %.1f s (%.0f records/s)%n",
        produceSeconds, run.jobSeconds(), records.size() / run.jobSeconds());
    written = run.points();
  }

  private static void readTruth(String ndjson) throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    Map<String, List<long[]>> byKey = new HashMap<>();
    for (String line : ndjson.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      GroundTruth t = json.readValue(line, GroundTruth.class);
      if (!t.counted()) {
        continue;
      }
      incidentsCounted++;
      add(
          byKey,
          t.countingCategory().name(),
          t.area().name(),
          t.clockStop().toEpochMilli(),
          t.responseTimeMs());
      if (Boolean.TRUE.equals(t.c1t())) {
        add(byKey, "C1T", t.area().name(), t.c1tClockStop().toEpochMilli(), t.c1tResponseTimeMs());
      }
    }
    byKey.forEach(
        (key, stops) -> {
          stops.sort((a, b) -> Long.compare(a[0], b[0]));
          long[][] columns = new long[2][stops.size()];
          for (int i = 0; i < stops.size(); i++) {
            columns[0][i] = stops.get(i)[0];
            columns[1][i] = stops.get(i)[1];
          }
          TRUTH.put(key, columns);
        });
  }

  private static void add(
      Map<String, List<long[]>> byKey, String category, String area, long stop, long response) {
    byKey
        .computeIfAbsent(category + "|ALL", k -> new ArrayList<>())
        .add(new long[] {stop, response});
    byKey
        .computeIfAbsent(category + "|" + area, k -> new ArrayList<>())
        .add(new long[] {stop, response});
  }

  /** Count, mean and PERCENTILE.INC 90th centile (seconds) of the stops in (from, to]. */
  private static double[] batch(String key, long from, long to) {
    long[][] t = TRUTH.getOrDefault(key, new long[2][0]);
    int lo = firstAfter(t[0], from);
    int hi = firstAfter(t[0], to);
    long[] window = Arrays.copyOfRange(t[1], lo, hi);
    Arrays.sort(window);
    if (window.length == 0) {
      return new double[] {0, Double.NaN, Double.NaN};
    }
    double sum = 0;
    for (long v : window) {
      sum += v;
    }
    double p90 = PercentileInc.of(window, 0.9);
    return new double[] {window.length, sum / window.length / 1000.0, p90 / 1000.0};
  }

  private static int firstAfter(long[] sorted, long value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void assertEquals(InfluxPoint p, double[] expected) {
    assertThat(p.fields().get("incidents")).as("count of %s", p).isEqualTo((long) expected[0]);
    if (expected[0] > 0) {
      assertThat((Double) p.fields().get("mean_s"))
          .as("mean of %s", p)
          .isCloseTo(expected[1], within(1e-6));
      assertThat((Double) p.fields().get("p90_s"))
          .as("p90 of %s", p)
          .isCloseTo(expected[2], within(1e-6));
    }
  }

  @Test
  void everyLastHourPointEqualsTheBatchFigureOverTheGroundTruth() {
    // LAS, April 2026: about 88,700 C1-C4 incidents with a response, some 20,700 a week.
    assertThat(incidentsCounted).as("a London week").isBetween(16_000, 26_000);
    int checked = 0;
    for (InfluxPoint p : written.values()) {
      if (p.tags().get("window").equals("1h")) {
        String key = p.tags().get("category") + "|" + p.tags().get("area");
        assertEquals(p, batch(key, p.timeMillis() - HOUR, p.timeMillis()));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(500_000);
  }

  @Test
  void noLastHourWindowWithIncidentsIsMissing() {
    TRUTH.forEach(
        (key, t) -> {
          int bar = key.indexOf('|');
          Map<String, String> tags =
              Map.of(
                  "category",
                  key.substring(0, bar),
                  "area",
                  key.substring(bar + 1),
                  "window",
                  "1h");
          long first = t[0][0] - Math.floorMod(t[0][0], TICK) + TICK;
          long last = t[0][t[0].length - 1] + HOUR;
          for (long tick = first; tick <= last; tick += TICK) {
            if (firstAfter(t[0], tick) > firstAfter(t[0], tick - HOUR)) {
              assertThat(written).containsKey(LatestPointsSink.identity(tags, tick));
            }
          }
        });
  }

  @Test
  void everyDaysAndMonthsFinalFigureEqualsTheBatchFigure() {
    int checked = 0;
    for (InfluxPoint p : written.values()) {
      String window = p.tags().get("window");
      if (window.equals("1h") || Math.floorMod(p.timeMillis(), TICK) != TICK - 1) {
        continue; // the final figure of a day or month is written at its last millisecond
      }
      CalendarPeriod period = window.equals("today") ? CalendarPeriod.DAY : CalendarPeriod.MONTH;
      long start = period.startOf(p.timeMillis());
      String key = p.tags().get("category") + "|" + p.tags().get("area");
      assertEquals(p, batch(key, start - 1, p.timeMillis()));
      checked++;
    }
    // 8 London days (the week spans midnight UTC to midnight UTC) and 1 month, 5 categories, 6
    // scopes.
    assertThat(checked).isGreaterThan(8 * 5 * 6);
  }
}
