package uk.ambulance.ops.jobs.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.FlinkCluster;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;
import uk.ambulance.ops.jobs.testing.InfluxHttp;

/**
 * State compatibility: every committed savepoint fixture (see {@link SavepointFixture}), taken by
 * the job as it was at some commit, restores into the job as it is now, and the restored job
 * finishes the fixture's input with every figure equal to the simulator's ground truth.
 *
 * <p>The broker gets the fixture's records again, the first half in the same order and on the same
 * partitions, so that the offsets in the savepoint's Kafka splits point right after them; then the
 * first half is deleted from the topics and the second half is published. A job that did not
 * restore (or restored only some operators) cannot see a single record of the first half, so
 * figures that include its incidents can only come from the savepoint: the last hour just after the
 * split, the day's and month's final figures, incidents open at the split. Every operator's state
 * must be taken up (unclaimed state fails the restore), as an upgrade of the live job needs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ClusterTest
class SavepointCompatibilityTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final long TICK = 10_000;
  private static final long HOUR = 3_600_000;
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final String[] RESPONSE_FIELDS = {"incidents", "mean_s", "p90_s"};
  private static final String[] OUTCOME_FIELDS = {
    "incidents", "hear_and_treat", "see_and_treat", "conveyed"
  };

  @RegisterExtension
  @Order(1)
  static final InfluxDbServer INFLUX = new InfluxDbServer();

  @RegisterExtension
  @Order(2)
  static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

  static List<String> fixtures() throws Exception {
    return Fixture.names();
  }

  @Test
  void aFixtureIsCommitted() throws Exception {
    assertThat(Fixture.names()).isNotEmpty();
  }

  @Test
  void aMissingFixtureFailsWithWhatIsMissingAndHowToMakeOne() {
    assertThatThrownBy(() -> Fixture.load("no-such-fixture"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-fixture")
        .hasMessageContaining("_metadata")
        .hasMessageContaining("SavepointFixture");
  }

  /**
   * A fixture is worth something only if the job had state everywhere when it was taken: open
   * incidents, windows, remembered eventIds, vehicles, crews at EDs, the sources' offsets.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theFixtureHoldsStateInEveryKindOfOperator(String name) throws Exception {
    Map<String, Long> bytes = SavepointFixture.stateBytesByOperator(Fixture.load(name).savepoint());
    assertThat(bytes.values().stream().filter(b -> b > 0).count()).isGreaterThanOrEqualTo(20);
    for (String topic : CompatibilityInput.INPUT_TOPICS) {
      assertThat(bytes.get("source-" + topic.replace('.', '-'))).as(topic).isPositive();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theSavepointRestoresAndTheFiguresEqualTheGroundTruth(String name) throws Exception {
    Fixture fixture = Fixture.load(name);
    CompatibilityInput input = fixture.input();
    TruthFigures truth = new TruthFigures(input.truth());
    long split = Instant.parse(fixture.value("split")).toEpochMilli();
    long until = fixture.checkUntil().toEpochMilli();
    Expected expected = expected(truth, split, until);
    // What makes the test able to fail: figures that count incidents only the savepoint knows.
    assertThat(expected.finals).isNotEmpty();
    assertThat(expected.fromTheFirstHalf).isGreaterThan(expected.hours.size() / 4);

    String database = "compat_" + name.replaceAll("[^A-Za-z0-9]", "_");
    try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
      publishWithoutTheFirstHalf(kafka, input, fixture.firstHalf());
      JobSettings settings =
          CompatibilityJob.settings(kafka.bootstrapServers(), INFLUX.url(), database);
      Configuration restore = new Configuration();
      restore.set(StateRecoveryOptions.SAVEPOINT_PATH, fixture.savepoint().toUri().toString());
      restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
      restore.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.NO_CLAIM);
      JobClient job = CompatibilityJob.start(settings, restore);
      InfluxHttp influx = new InfluxHttp(INFLUX.url());
      List<String> differences = List.of("nothing read yet");
      Checked checked = new Checked();
      long start = System.nanoTime();
      long deadline = start + DEADLINE.toNanos();
      try {
        // Until every expected point is there and right. (Not until the job has read the whole
        // input: it goes on well past `until`, and checkpoints wait behind its writes.)
        while (!differences.isEmpty() && System.nanoTime() < deadline) {
          assertRunning(job, fixture);
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
          checked = new Checked();
          differences = differences(influx, database, truth, expected, until, checked);
        }
        assertRunning(job, fixture);
      } finally {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
          job.cancel().get(1, TimeUnit.MINUTES);
        }
      }
      System.out.printf(
          "SavepointCompatibilityTest %s: %d records, the first %d from the savepoint (%d of"
              + " %d expected points count incidents of the first half);"
              + " %d response_times and %d outcomes 1h points and %d final figures compared,"
              + " %d differences; restored job %.1f s%n",
          name,
          input.records().size(),
          fixture.firstHalf(),
          expected.fromTheFirstHalf,
          expected.hours.size() + expected.finals.size(),
          checked.responseHours,
          checked.outcomeHours,
          checked.finals,
          differences.size(),
          (System.nanoTime() - start) / 1e9);
      assertThat(differences)
          .as("points that differ from the ground truth or are missing (first 20)")
          .isEmpty();
      assertThat(checked.responseHours).isGreaterThan(1000);
      assertThat(checked.outcomeHours).isGreaterThan(100);
      assertThat(checked.finals).isGreaterThanOrEqualTo(expected.finals.size());
    }
  }

  /** Topics as the fixture had them; the first half, deleted again, then the second half. */
  private static void publishWithoutTheFirstHalf(
      EmbeddedKafka kafka, CompatibilityInput input, int firstHalf) throws Exception {
    Map<String, Integer> partitions = new HashMap<>();
    CompatibilityInput.INPUT_TOPICS.forEach(t -> partitions.put(t, CompatibilityInput.PARTITIONS));
    partitions.put(Topics.OPS_DEADLETTER, 1);
    kafka.createTopics(partitions);
    List<ProducerRecord<byte[], byte[]>> records = input.records();
    kafka.produce(records.subList(0, firstHalf));
    Map<TopicPartition, RecordsToDelete> firstHalfOffsets = new HashMap<>();
    input
        .endOffsets(firstHalf)
        .forEach(
            (partition, end) -> {
              if (end > 0) {
                firstHalfOffsets.put(partition, RecordsToDelete.beforeOffset(end));
              }
            });
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.deleteRecords(firstHalfOffsets).all().get();
    }
    kafka.produce(records.subList(firstHalf, records.size()));
  }

  /**
   * What must be in InfluxDB: identity ("response_times|1h|C2|NW@time") to figures; and how many of
   * those count an incident stopped or closed before the split (a lower bound of the points that
   * need the savepoint's state: an incident open at the split needs it too).
   */
  private record Expected(
      Map<String, double[]> hours, Map<String, double[]> finals, int fromTheFirstHalf) {}

  private static final class Checked {
    int responseHours;
    int outcomeHours;
    int finals;
  }

  /**
   * Every 1h point with anything in its window from the split to {@code until} (the restored job
   * writes them all: the fixture's watermark was before the split), and the final figure of every
   * London day and month that ends in between.
   */
  private static Expected expected(TruthFigures truth, long split, long until) {
    Map<String, double[]> hours = new HashMap<>();
    Map<String, double[]> finals = new HashMap<>();
    int[] fromTheFirstHalf = {0};
    Figures figures =
        (into, window, from, to) -> {
          for (String key : truth.responseKeys()) {
            double[] f = response(truth.responseTimes(key, from, to));
            if (f[0] > 0) {
              into.put(identity("response_times", window, key, to), f);
              if (truth.responseTimes(key, from, Math.min(to, split)).incidents() > 0) {
                fromTheFirstHalf[0]++;
              }
            }
          }
          for (String area : truth.outcomeAreas()) {
            double[] f = outcome(truth.outcomes(area, from, to));
            if (f[0] > 0) {
              into.put(identity("outcomes", window, area, to), f);
              if (truth.outcomes(area, from, Math.min(to, split)).incidents() > 0) {
                fromTheFirstHalf[0]++;
              }
            }
          }
        };
    for (long t = split - Math.floorMod(split, TICK) + TICK; t <= until; t += TICK) {
      figures.add(hours, "1h", t - HOUR, t);
    }
    LocalDate last = Instant.ofEpochMilli(until).atZone(LONDON).toLocalDate();
    for (LocalDate day = Instant.ofEpochMilli(split).atZone(LONDON).toLocalDate();
        !day.isAfter(last);
        day = day.plusDays(1)) {
      long end = day.plusDays(1).atStartOfDay(LONDON).toInstant().toEpochMilli() - 1;
      if (end <= split || end > until) {
        continue;
      }
      figures.add(finals, "today", day.atStartOfDay(LONDON).toInstant().toEpochMilli() - 1, end);
      if (day.plusDays(1).getDayOfMonth() == 1) {
        long monthStart = day.withDayOfMonth(1).atStartOfDay(LONDON).toInstant().toEpochMilli();
        figures.add(finals, "mtd", monthStart - 1, end);
      }
    }
    return new Expected(hours, finals, fromTheFirstHalf[0]);
  }

  /** Adds the figures of every key over the window {@code (from, to]}, written at {@code to}. */
  private interface Figures {
    void add(Map<String, double[]> into, String window, long from, long to);
  }

  /**
   * Points that differ from the ground truth, and expected points that are missing: every point the
   * restored job wrote up to {@code until} is compared, whether expected or not.
   */
  private static List<String> differences(
      InfluxHttp influx,
      String database,
      TruthFigures truth,
      Expected expected,
      long until,
      Checked checked)
      throws Exception {
    List<String> out = new ArrayList<>();
    if (!INFLUX.databases().contains(database)) {
      return List.of("no database " + database + " yet");
    }
    Map<String, double[]> written = new HashMap<>();
    read(influx, database, "response_times", "category, area", RESPONSE_FIELDS, until, written);
    read(influx, database, "outcomes", "area", OUTCOME_FIELDS, until, written);
    for (Map.Entry<String, double[]> point : written.entrySet()) {
      String identity = point.getKey();
      String[] parts = identity.split("[|@]");
      long time = Long.parseLong(parts[parts.length - 1]);
      double[] want;
      if (parts[1].equals("1h")) {
        want = expected.hours.get(identity);
        if (want == null) {
          String key = parts[0].equals("outcomes") ? parts[2] : parts[2] + "|" + parts[3];
          want =
              parts[0].equals("outcomes")
                  ? outcome(truth.outcomes(key, time - HOUR, time))
                  : response(truth.responseTimes(key, time - HOUR, time));
        }
        if (parts[0].equals("outcomes")) {
          checked.outcomeHours++;
        } else {
          checked.responseHours++;
        }
      } else {
        want = expected.finals.get(identity);
        if (want == null) {
          continue; // a snapshot between ticks, or a period that ends after `until`
        }
        checked.finals++;
      }
      if (!same(point.getValue(), want)) {
        out.add(identity + ": written " + show(point.getValue()) + ", truth " + show(want));
      }
    }
    for (Map<String, double[]> must : List.of(expected.hours, expected.finals)) {
      for (Map.Entry<String, double[]> e : must.entrySet()) {
        if (!written.containsKey(e.getKey())) {
          out.add(e.getKey() + ": missing, truth " + show(e.getValue()));
        }
      }
    }
    out.sort(null);
    return out.size() <= 20 ? out : out.subList(0, 20);
  }

  private static void read(
      InfluxHttp influx,
      String database,
      String measurement,
      String groupBy,
      String[] fields,
      long until,
      Map<String, double[]> into)
      throws Exception {
    String query =
        "SELECT "
            + String.join(", ", fields)
            + " FROM "
            + measurement
            + " WHERE time <= "
            + until
            + "ms GROUP BY \"window\", "
            + groupBy;
    for (InfluxHttp.Row row : influx.query(database, query)) {
      String key =
          row.tags().containsKey("category")
              ? row.tags().get("category") + "|" + row.tags().get("area")
              : row.tags().get("area");
      double[] values = new double[fields.length];
      for (int i = 0; i < fields.length; i++) {
        JsonNode v = row.values().get(fields[i]);
        values[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
      }
      into.put(identity(measurement, row.tags().get("window"), key, row.time()), values);
    }
  }

  private static String identity(String measurement, String window, String key, long time) {
    return measurement + "|" + window + "|" + key + "@" + time;
  }

  private static double[] response(TruthFigures.ResponseFigures f) {
    return new double[] {f.incidents(), f.meanSeconds(), f.p90Seconds()};
  }

  private static double[] outcome(TruthFigures.OutcomeFigures f) {
    return new double[] {f.incidents(), f.hearAndTreat(), f.seeAndTreat(), f.conveyed()};
  }

  /**
   * Counts exactly, the rest within 1e-6; an empty response-time window has no mean or centile (one
   * that a correction emptied may keep its old ones, see events/README.md).
   */
  private static boolean same(double[] written, double[] truth) {
    boolean responseTimes = truth.length == RESPONSE_FIELDS.length;
    int compared = responseTimes && truth[0] == 0 ? 1 : truth.length;
    for (int i = 0; i < compared; i++) {
      if (!(Math.abs(written[i] - truth[i]) <= 1e-6)) {
        return false;
      }
    }
    return true;
  }

  private static String show(double[] values) {
    return java.util.Arrays.toString(values);
  }

  /** Fails with the job's own failure (a restore that failed says which state did not map). */
  private static void assertRunning(JobClient job, Fixture fixture) throws Exception {
    JobStatus status = job.getJobStatus().get();
    if (status.isGloballyTerminalState()) {
      Throwable cause;
      try {
        job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        cause = null;
      } catch (ExecutionException e) {
        cause = e.getCause();
      }
      throw new AssertionError(
          "the job restored from the fixture is "
              + status
              + " (a fixture that no longer restores: see"
              + " jobs/src/test/resources/compat/README.md); the fixture's operators by id: "
              + SavepointFixture.uidsById(fixture.savepoint()),
          cause);
    }
  }
}
