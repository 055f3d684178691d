package uk.ambulance.ops.jobs.waiting;

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
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.jobs.points.InfluxPoint;

class CallsWaitingFunctionTest {
  private static final long T0 = 1_775_469_600_000L; // a whole tick
  private static final long TICK = 10_000;
  private static final long OPEN = Long.MAX_VALUE;
  private static final long LATENESS = 6 * TICK;

  private KeyedOneInputStreamOperatorTestHarness<String, WaitingChange, InfluxPoint> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new CallsWaitingFunction(
                Duration.ofMillis(TICK), Duration.ofMillis(LATENESS), Duration.ofDays(2)),
            WaitingChange::key,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void change(String id, long start, long end, boolean retract, long at) throws Exception {
    harness.processElement(
        new StreamRecord<>(new WaitingChange(id, Category.C3, "SW", start, end, retract), at));
  }

  /** The wait of {@code id} ends at {@code end}: the open interval is replaced by a closed one. */
  private void ends(String id, long start, long end) throws Exception {
    change(id, start, OPEN, true, end);
    change(id, start, end, false, end);
  }

  private List<InfluxPoint> drain() {
    List<InfluxPoint> points = harness.extractOutputValues();
    harness.getOutput().clear();
    return points;
  }

  @Test
  void countsTheWaitingCallsAndTheLongestWaitAtEveryTick() throws Exception {
    change("a", T0 + 1_000, OPEN, false, T0 + 1_000);
    change("b", T0 + 4_000, OPEN, false, T0 + 4_000);
    harness.processWatermark(T0 + 3 * TICK);
    List<InfluxPoint> points = drain();
    assertThat(points)
        .extracting(InfluxPoint::timeMillis)
        .containsExactly(T0 + TICK, T0 + 2 * TICK, T0 + 3 * TICK);
    assertThat(points.get(2).tags()).containsEntry("category", "C3").containsEntry("area", "SW");
    assertThat(points.get(2).fields())
        .containsEntry("waiting", 2L)
        .containsEntry("oldest_wait_s", 29.0);
  }

  @Test
  void aCallStopsCountingAtItsArrivalAndTheLastOneLeavesAZeroAndNoState() throws Exception {
    change("a", T0 + 1_000, OPEN, false, T0 + 1_000);
    change("b", T0 + 4_000, OPEN, false, T0 + 4_000);
    harness.processWatermark(T0 + TICK);
    drain();
    ends("a", T0 + 1_000, T0 + 15_000);
    harness.processWatermark(T0 + 2 * TICK);
    assertThat(drain().get(0).fields())
        .containsEntry("waiting", 1L)
        .containsEntry("oldest_wait_s", 16.0);
    ends("b", T0 + 4_000, T0 + 25_000);
    harness.processWatermark(T0 + 3 * TICK);
    assertThat(drain().get(0).fields())
        .containsEntry("waiting", 0L)
        .doesNotContainKey("oldest_wait_s");
    harness.processWatermark(T0 + 10 * TICK);
    assertThat(drain()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aReplayThatHasSeenTheArrivalStillCountsTheCallBeforeIt() throws Exception {
    // All of a call's changes arrive before event time passes its ticks, as in a replay.
    change("a", T0 + 1_000, OPEN, false, T0 + 1_000);
    ends("a", T0 + 1_000, T0 + 25_000);
    harness.processWatermark(T0 + 3 * TICK);
    assertThat(drain()).extracting(p -> p.fields().get("waiting")).containsExactly(1L, 1L, 0L);
  }

  @Test
  void aCallWhoseClockStartsAfterTheTickIsNotYetWaiting() throws Exception {
    change("a", T0 + 1_000, OPEN, false, T0 + 1_000);
    change("early", T0 + 15_000, OPEN, false, T0 + 15_000);
    harness.processWatermark(T0 + TICK);
    assertThat(drain().get(0).fields()).containsEntry("waiting", 1L);
  }

  @Test
  void aRetractionOfAWaitNeverSeenChangesNothing() throws Exception {
    change("a", T0 + 1_000, OPEN, false, T0 + 1_000);
    change("a", T0 + 2_000, OPEN, true, T0 + 2_000);
    harness.processWatermark(T0 + TICK);
    assertThat(drain().get(0).fields()).containsEntry("waiting", 1L);
  }

  @Test
  void aLateCallRewritesTheTicksItWaitedThrough() throws Exception {
    change("a", T0 + 1_000, OPEN, false, T0 + 1_000);
    harness.processWatermark(T0 + 3 * TICK);
    drain();
    change("late", T0 + 5_000, OPEN, false, T0 + 5_000);
    harness.processWatermark(T0 + 4 * TICK);
    List<InfluxPoint> points = drain();
    assertThat(points)
        .extracting(InfluxPoint::timeMillis)
        .containsExactly(T0 + TICK, T0 + 2 * TICK, T0 + 3 * TICK, T0 + 4 * TICK);
    assertThat(points).extracting(p -> p.fields().get("waiting")).containsOnly(2L);
  }

  @Test
  void anUpgradedCallCountsInEachQueueForTheTicksItWasThere() throws Exception {
    var c3 = new WaitingChange("a", Category.C3, "SW", T0 + 1_000, T0 + 1_000, OPEN, false);
    var c3Ended =
        new WaitingChange("a", Category.C3, "SW", T0 + 1_000, T0 + 1_000, T0 + 15_000, false);
    var c3Retracted = new WaitingChange("a", Category.C3, "SW", T0 + 1_000, T0 + 1_000, OPEN, true);
    harness.processElement(new StreamRecord<>(c3, T0 + 1_000));
    harness.processWatermark(T0 + 3 * TICK);
    drain();
    // The upgrade at 15 s is seen late: the C3 queue's ticks after it no longer count the call.
    harness.processElement(new StreamRecord<>(c3Retracted, T0 + 15_000));
    harness.processElement(new StreamRecord<>(c3Ended, T0 + 15_000));
    harness.processWatermark(T0 + 4 * TICK);
    assertThat(drain())
        .extracting(p -> p.timeMillis() - T0, p -> p.fields().get("waiting"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2 * TICK, 0L),
            org.assertj.core.groups.Tuple.tuple(3 * TICK, 0L));
  }

  /** The points each identity ends up holding, zeros that repeat a zero aside. */
  private static java.util.Map<Long, Object> finalReadings(List<InfluxPoint> points) {
    java.util.TreeMap<Long, Object> latest = new java.util.TreeMap<>();
    points.forEach(p -> latest.put(p.timeMillis(), p.fields()));
    Object previous = null;
    for (var it = latest.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().equals(previous) && previous.toString().equals("{waiting=0}")) {
        it.remove();
      } else {
        previous = e.getValue();
      }
    }
    return latest;
  }

  @Test
  void whatIsWrittenDoesNotDependOnWhenTheWatermarkPassed() throws Exception {
    long[][] calls = {{1_000, 45_000}, {4_000, 25_000}, {12_000, 70_000}, {31_000, 33_000}};
    // In time: every change before the watermark reaches it.
    for (long[] c : calls) {
      change("c" + c[0], T0 + c[0], OPEN, false, T0 + c[0]);
    }
    for (long[] c : calls) {
      ends("c" + c[0], T0 + c[0], T0 + c[1]);
    }
    harness.processWatermark(T0 + 20 * TICK);
    var inTime = finalReadings(drain());
    close();
    open();
    // Late, within the allowed lateness: the watermark runs ahead of the arrivals and of the third
    // call.
    for (long[] c : calls) {
      if (c[0] != 12_000) {
        change("c" + c[0], T0 + c[0], OPEN, false, T0 + c[0]);
      }
    }
    List<InfluxPoint> late = new java.util.ArrayList<>();
    harness.processWatermark(T0 + 5 * TICK);
    late.addAll(drain());
    change("c12000", T0 + 12_000, OPEN, false, T0 + 12_000);
    for (long[] c : calls) {
      ends("c" + c[0], T0 + c[0], T0 + c[1]);
      harness.processWatermark(T0 + 5 * TICK + c[0]);
      late.addAll(drain());
    }
    harness.processWatermark(T0 + 20 * TICK);
    late.addAll(drain());
    assertThat(finalReadings(late)).isEqualTo(inTime);
  }

  @Test
  void stretchesAndTimersAreGoneOnceTheWatermarkPassesTheLateness() throws Exception {
    change("a", T0 + 1_000, OPEN, false, T0 + 1_000);
    ends("a", T0 + 1_000, T0 + 15_000);
    harness.processWatermark(T0 + 2 * TICK);
    assertThat(harness.numKeyedStateEntries()).isPositive();
    harness.processWatermark(T0 + 15_000 + LATENESS + TICK);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
