package uk.ambulance.ops.jobs.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.points.InfluxPoint;

class AreaDemandTest {
  private static final long TICK = 10_000;
  private static final long HOUR = 3_600_000;
  private static final long T0 = Instant.parse("2026-04-06T09:00:00Z").toEpochMilli();
  private static final double LONDON_PRIOR = 250;
  private static final double WEIGHT = 0.5; // large, so a folded hour shows plainly

  @Test
  void callsOfTheLastHourAgainstTheBaselineAtEveryTickThenOnlyTheBaselineRemains()
      throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Call, InfluxPoint> harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new AreaDemand(Duration.ofMillis(TICK), LONDON_PRIOR, WEIGHT),
            Call::area,
            Types.STRING);
    Random random = new Random(9);
    List<Long> calls = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      calls.add(T0 + (long) (random.nextDouble() * 3 * HOUR));
    }
    calls.sort(Long::compare);
    List<InfluxPoint> points = new ArrayList<>();
    int next = 0;
    for (long wm = T0; wm <= T0 + 5 * HOUR; wm += TICK) {
      while (next < calls.size() && calls.get(next) <= wm + 25_000) {
        harness.processElement(new StreamRecord<>(new Call(calls.get(next), "NE", "c"), 0L));
        next++;
      }
      harness.processWatermark(wm);
      points.addAll(harness.extractOutputValues());
      harness.getOutput().clear();
    }
    double prior = LONDON_PRIOR / 5;
    for (InfluxPoint p : points) {
      long t = p.timeMillis();
      long inHour = calls.stream().filter(c -> c > t - HOUR && c <= t).count();
      // Each clock hour that ended by t, from the first call's on (earlier ones were never seen),
      // has replaced part of the prior in its own slot; within five hours every slot is met once,
      // so the slot is prior + w (count - prior).
      double expected = 0;
      for (long h = (t - HOUR) / HOUR * HOUR; h < t; h += HOUR) {
        long from = Math.max(h, t - HOUR);
        long to = Math.min(h + HOUR, t);
        long hour = h;
        double slot = prior;
        if (h >= calls.get(0) / HOUR * HOUR && h + HOUR <= t / HOUR * HOUR) {
          long n = calls.stream().filter(c -> c >= hour && c < hour + HOUR).count();
          slot = prior + WEIGHT * (n - prior);
        }
        expected += slot * (to - from) / HOUR;
      }
      assertThat(p.tags()).containsEntry("area", "NE");
      assertThat(p.fields()).as("at %s", t).containsEntry("calls_1h", inHour);
      assertThat((Double) p.fields().get("expected_1h"))
          .as("at %s", t)
          .isCloseTo(expected, within(1e-9));
    }
    assertThat(points).hasSizeGreaterThan((int) (4 * HOUR / TICK) - 10);
    // Ticks stop an hour after the last call; the baseline (one value) is all that is kept.
    assertThat(points.get(points.size() - 1).fields()).containsEntry("calls_1h", 0L);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    harness.close();
  }
}
