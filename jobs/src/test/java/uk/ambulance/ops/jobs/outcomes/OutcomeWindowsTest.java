package uk.ambulance.ops.jobs.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.window.RollingWindowFunction;

/**
 * The rolling hour of outcomes, as the job runs it: closures in time order, then late corrections
 * (a closure retracted and counted again with another outcome and time), against counts made here
 * from the closures as they finally stand. Once no correction can reach the window any more, its
 * state and timers are gone.
 */
class OutcomeWindowsTest {
  private static final long TICK = 10_000;
  private static final long HOUR = 3_600_000;
  private static final long LATENESS = 2 * HOUR;
  private static final long T0 = 1_775_469_600_000L; // 2026-04-06T10:00:00Z, a whole tick
  private static final String AREA = "NE";

  private KeyedOneInputStreamOperatorTestHarness<String, OutcomeChange, InfluxPoint> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new RollingWindowFunction<>(
                OutcomeCounts.window(),
                "1h",
                Duration.ofHours(1),
                Duration.ofMillis(TICK),
                Duration.ofMillis(LATENESS)),
            OutcomeChange::windowKey,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** A closure as it finally stands. */
  record Closure(long closedMs, Outcome outcome) {}

  @Test
  void everyTickCountsTheClosuresOfItsHourAsTheyFinallyStand() throws Exception {
    Random random = new Random(20260406);
    Outcome[] outcomes = Outcome.values();
    Map<String, Closure> closures = new HashMap<>();
    for (int i = 0; i < 80; i++) {
      long at = T0 + (long) (random.nextDouble() * 2 * HOUR);
      closures.put("i" + i, new Closure(at, outcomes[random.nextInt(outcomes.length)]));
    }
    List<String> inTimeOrder = new ArrayList<>(closures.keySet());
    inTimeOrder.sort(
        (a, b) -> Long.compare(closures.get(a).closedMs(), closures.get(b).closedMs()));
    for (String id : inTimeOrder) {
      Closure c = closures.get(id);
      send(new OutcomeChange(id, AREA, c.closedMs(), c.outcome(), false));
      harness.processWatermark(c.closedMs() - 1);
    }
    harness.processWatermark(T0 + 2 * HOUR + TICK);

    // Corrections, up to an hour late: the closure moves and its outcome changes.
    for (int i = 0; i < 80; i += 7) {
      String id = "i" + i;
      Closure before = closures.get(id);
      Closure after =
          new Closure(
              before.closedMs() + (long) (random.nextDouble() * 20 * 60_000),
              outcomes[(before.outcome().ordinal() + 1) % outcomes.length]);
      send(new OutcomeChange(id, AREA, before.closedMs(), before.outcome(), true));
      send(new OutcomeChange(id, AREA, after.closedMs(), after.outcome(), false));
      closures.put(id, after);
    }
    harness.processWatermark(T0 + 3 * HOUR + TICK);

    Map<Long, InfluxPoint> latest = new HashMap<>();
    for (InfluxPoint p : harness.extractOutputValues()) {
      latest.put(p.timeMillis(), p);
    }
    int compared = 0;
    for (long t = T0; t <= T0 + 3 * HOUR; t += TICK) {
      List<Outcome> inHour = new ArrayList<>();
      for (Closure c : closures.values()) {
        if (c.closedMs() > t - HOUR && c.closedMs() <= t) {
          inHour.add(c.outcome());
        }
      }
      InfluxPoint p = latest.get(t);
      if (p == null) {
        assertThat(inHour).as("no point at %d: nothing closed in its hour", t).isEmpty();
        continue;
      }
      compared++;
      assertThat(p.fields())
          .as("tick %d", t)
          .containsEntry("incidents", inHour.stream().filter(o -> o != Outcome.DUPLICATE).count())
          .containsEntry(
              "hear_and_treat", inHour.stream().filter(o -> o == Outcome.HEAR_AND_TREAT).count())
          .containsEntry(
              "see_and_treat", inHour.stream().filter(o -> o == Outcome.SEE_AND_TREAT).count())
          .containsEntry("conveyed", inHour.stream().filter(Outcome::isConveyed).count());
    }
    assertThat(compared).isGreaterThan(1_000);

    harness.processWatermark(T0 + 4 * HOUR + HOUR + LATENESS);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void send(OutcomeChange change) throws Exception {
    harness.processElement(new StreamRecord<>(change, change.closedMs()));
  }
}
