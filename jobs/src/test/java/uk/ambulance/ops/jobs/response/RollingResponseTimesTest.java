package uk.ambulance.ops.jobs.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.window.RollingWindowFunction;

class RollingResponseTimesTest {
  private static final long TICK = 10_000;
  private static final long HOUR = 3_600_000;
  private static final long LATENESS = 2 * HOUR;
  private static final long T0 = 1_775_469_600_000L; // 2026-04-06T10:00:00Z, a whole tick

  private KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, InfluxPoint> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new RollingWindowFunction<>(
                ResponseSample.window(CentileDefinition.LINEAR),
                "1h",
                Duration.ofHours(1),
                Duration.ofMillis(TICK),
                Duration.ofMillis(LATENESS)),
            ResponseChange::windowKey,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void insert(String id, long stop, long responseMs) throws Exception {
    harness.processElement(
        new StreamRecord<>(
            new ResponseChange(id, ReportingCategory.C1, "ALL", stop, responseMs, false, false),
            stop));
  }

  private void retract(String id, long stop, long responseMs) throws Exception {
    harness.processElement(
        new StreamRecord<>(
            new ResponseChange(id, ReportingCategory.C1, "ALL", stop, responseMs, false, true),
            stop));
  }

  private List<InfluxPoint> drain() {
    List<InfluxPoint> points = harness.extractOutputValues();
    harness.getOutput().clear();
    return points;
  }

  private static InfluxPoint at(List<InfluxPoint> points, long time) {
    return points.stream().filter(p -> p.timeMillis() == time).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void writesCountMeanAndCentileAtEachTickOnceTheWatermarkPassesIt() throws Exception {
    insert("a", T0 + 1_000, 300_000);
    insert("b", T0 + 5_000, 500_000);
    insert("c", T0 + 10_000, 400_000); // exactly on the tick: inside (T-1h, T]
    harness.processWatermark(T0 + TICK - 1);
    assertThat(drain()).isEmpty();

    harness.processWatermark(T0 + TICK);
    InfluxPoint p = at(drain(), T0 + TICK);
    assertThat(p.tags())
        .containsEntry("category", "C1")
        .containsEntry("area", "ALL")
        .containsEntry("window", "1h");
    assertThat(p.fields())
        .containsEntry("incidents", 3L)
        .containsEntry("mean_s", 400.0)
        .containsEntry("p90_s", 480.0) // PERCENTILE.INC({300,400,500}, 0.9): 400 + 0.8 * 100
        .containsEntry("target_mean_s", 420.0)
        .containsEntry("target_p90_s", 900.0)
        .containsEntry("p90_definition", "linear");
  }

  @Test
  void anEntryLeavesTheWindowAnHourAfterItsClockStopAndTheLastTickSaysZero() throws Exception {
    insert("a", T0 + TICK, 300_000);
    harness.processWatermark(T0 + TICK + HOUR - TICK);
    assertThat(at(drain(), T0 + HOUR).fields()).containsEntry("incidents", 1L);
    harness.processWatermark(T0 + TICK + HOUR + 5 * TICK);
    List<InfluxPoint> points = drain();
    assertThat(points).hasSize(1);
    assertThat(points.get(0).timeMillis()).isEqualTo(T0 + TICK + HOUR);
    assertThat(points.get(0).fields()).containsEntry("incidents", 0L).doesNotContainKey("mean_s");
  }

  @Test
  void aLateCorrectionRewritesEveryTickItTouches() throws Exception {
    insert("a", T0 + TICK, 300_000);
    insert("b", T0 + 2 * TICK, 600_000);
    harness.processWatermark(T0 + 6 * TICK);
    assertThat(at(drain(), T0 + 6 * TICK).fields()).containsEntry("mean_s", 450.0);

    // The incident closed: its clock stop moves from T0+2 ticks to T0+3 ticks and 700 s.
    retract("b", T0 + 2 * TICK, 600_000);
    insert("b", T0 + 3 * TICK, 700_000);
    harness.processWatermark(T0 + 7 * TICK);
    List<InfluxPoint> points = drain();
    assertThat(points)
        .extracting(InfluxPoint::timeMillis)
        .containsExactly(
            T0 + 2 * TICK,
            T0 + 3 * TICK,
            T0 + 4 * TICK,
            T0 + 5 * TICK,
            T0 + 6 * TICK,
            T0 + 7 * TICK);
    assertThat(at(points, T0 + 2 * TICK).fields())
        .containsEntry("incidents", 1L)
        .containsEntry("mean_s", 300.0);
    assertThat(at(points, T0 + 6 * TICK).fields())
        .containsEntry("incidents", 2L)
        .containsEntry("mean_s", 500.0);
  }

  @Test
  void aChangeOlderThanWindowAndLatenessIsCountedNotApplied() throws Exception {
    insert("a", T0 + TICK, 300_000);
    harness.processWatermark(T0 + TICK + HOUR + LATENESS);
    drain();
    insert("late", T0 + TICK, 100_000);
    assertThat(harness.getSideOutput(RollingWindowFunction.SIGNALS))
        .extracting(StreamRecord::getValue)
        .containsExactly(PipelineSignal.tooLate("cad.incidents"));
  }

  @Test
  void stateAndTimersAreGoneOnceNothingCanChange() throws Exception {
    insert("a", T0 + TICK, 300_000);
    insert("b", T0 + 50 * TICK, 300_000);
    harness.processWatermark(T0 + 50 * TICK + HOUR);
    assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
    harness.processWatermark(T0 + 50 * TICK + HOUR + LATENESS);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
