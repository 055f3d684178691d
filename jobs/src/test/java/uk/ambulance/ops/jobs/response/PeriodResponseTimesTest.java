package uk.ambulance.ops.jobs.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
import uk.ambulance.ops.jobs.window.CalendarPeriod;
import uk.ambulance.ops.jobs.window.PeriodWindowFunction;
import uk.ambulance.ops.jobs.window.RollingWindowFunction;

class PeriodResponseTimesTest {
  private static final long TICK = 10_000;
  private static final long LATENESS = 6 * 3_600_000;

  /** 2026-04-06 in London (BST): 2026-04-05T23:00Z to 2026-04-06T23:00Z. */
  private static final long DAY_START = Instant.parse("2026-04-05T23:00:00Z").toEpochMilli();

  private static final long DAY_END = Instant.parse("2026-04-06T23:00:00Z").toEpochMilli();

  private KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, InfluxPoint> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new PeriodWindowFunction<>(
                ResponseSample.window(CentileDefinition.LINEAR),
                CalendarPeriod.DAY,
                Duration.ofMillis(TICK),
                Duration.ofMillis(LATENESS)),
            ResponseChange::windowKey,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void change(String id, long stop, long responseMs, boolean retract) throws Exception {
    harness.processElement(
        new StreamRecord<>(
            new ResponseChange(id, ReportingCategory.C2, "NE", stop, responseMs, false, retract),
            stop));
  }

  private List<InfluxPoint> drain() {
    List<InfluxPoint> points = harness.extractOutputValues();
    harness.getOutput().clear();
    return points;
  }

  @Test
  void writesTheDaySoFarAtTheNextTickAfterAChange() throws Exception {
    change("a", DAY_START + 5_000, 600_000, false);
    change("b", DAY_START + 7_000, 1_200_000, false);
    harness.processWatermark(DAY_START + TICK);
    List<InfluxPoint> points = drain();
    assertThat(points).hasSize(1);
    assertThat(points.get(0).timeMillis()).isEqualTo(DAY_START + TICK);
    assertThat(points.get(0).tags())
        .containsEntry("window", "today")
        .containsEntry("area", "NE")
        .containsEntry("category", "C2");
    assertThat(points.get(0).fields())
        .containsEntry("incidents", 2L)
        .containsEntry("mean_s", 900.0);

    harness.processWatermark(DAY_START + 100 * TICK);
    assertThat(drain()).as("nothing changed: nothing to write").isEmpty();
  }

  @Test
  void atLocalMidnightWritesTheDaysFinalFigureAndTheNewDaysZero() throws Exception {
    change("a", DAY_START + 3_600_000, 600_000, false);
    change("b", DAY_END - 1, 900_000, false);
    harness.processWatermark(DAY_END);
    List<InfluxPoint> points = drain();
    InfluxPoint closing =
        points.stream().filter(p -> p.timeMillis() == DAY_END - 1).findFirst().orElseThrow();
    assertThat(closing.fields()).containsEntry("incidents", 2L).containsEntry("mean_s", 750.0);
    InfluxPoint opening =
        points.stream().filter(p -> p.timeMillis() == DAY_END).findFirst().orElseThrow();
    assertThat(opening.fields()).containsEntry("incidents", 0L).doesNotContainKey("mean_s");
  }

  @Test
  void aLateCorrectionToAClosedDayRewritesItsFinalFigure() throws Exception {
    change("a", DAY_START + 3_600_000, 600_000, false);
    harness.processWatermark(DAY_END + 3_600_000);
    drain();
    change("a", DAY_START + 3_600_000, 600_000, true);
    change("a", DAY_START + 3_700_000, 800_000, false);
    harness.processWatermark(DAY_END + 3_600_000 + TICK);
    List<InfluxPoint> points = drain();
    assertThat(points).extracting(InfluxPoint::timeMillis).contains(DAY_END - 1);
    InfluxPoint rewritten =
        points.stream().filter(p -> p.timeMillis() == DAY_END - 1).findFirst().orElseThrow();
    assertThat(rewritten.fields()).containsEntry("incidents", 1L).containsEntry("mean_s", 800.0);
  }

  @Test
  void aChangeAfterTheLatenessIsCountedAndTheStateGoesAway() throws Exception {
    change("a", DAY_START + 3_600_000, 600_000, false);
    harness.processWatermark(DAY_END + LATENESS + 1);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    change("late", DAY_START + 3_600_000, 100_000, false);
    assertThat(harness.getSideOutput(RollingWindowFunction.SIGNALS))
        .extracting(StreamRecord::getValue)
        .containsExactly(PipelineSignal.tooLate("cad.incidents"));
  }
}
