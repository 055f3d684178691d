package uk.ambulance.ops.jobs.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Random queues of calls that wait and are reached, delivered out of order (some many minutes late)
 * behind a watermark that sometimes runs ahead, sometimes with a restore from a snapshot in the
 * middle. The last point written at every tick must count exactly the calls waiting then, as the
 * final stretches say, with the longest wait; every tick a call waited through must be written; and
 * once event time has passed the allowed lateness nothing is left. A queue reads only the stretches
 * still current at a tick, so this is what proves that the ones it set aside were not needed.
 */
class CallsWaitingPropertyTest {
  private static final long TICK = 10_000;
  private static final long HOUR = 3_600_000;
  private static final long LATENESS = 2 * HOUR;
  private static final long T0 = 1_775_469_600_000L; // a whole tick
  private static final long OPEN = Long.MAX_VALUE;

  private record Delivery(WaitingChange change, long arrival) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void theLastPointOfEveryTickCountsTheCallsWaitingThen(long seed) throws Exception {
    Random random = new Random(seed);
    List<Delivery> deliveries = new ArrayList<>();
    List<long[]> waits = new ArrayList<>();
    int calls = 5 + random.nextInt(60);
    long span = (1 + random.nextInt(4)) * HOUR;
    for (int i = 0; i < calls; i++) {
      String id = "i" + i;
      long start = T0 + (long) (random.nextDouble() * span);
      long end = start + 1 + random.nextInt(random.nextInt(4) == 0 ? 7_200_000 : 1_200_000);
      long seen = start + delay(random);
      deliveries.add(
          new Delivery(new WaitingChange(id, Category.C2, "NE", start, OPEN, false), seen));
      long reached = Math.max(seen, end) + delay(random);
      // The open wait is retracted and replaced by the closed one, together.
      deliveries.add(
          new Delivery(new WaitingChange(id, Category.C2, "NE", start, OPEN, true), reached));
      deliveries.add(
          new Delivery(new WaitingChange(id, Category.C2, "NE", start, end, false), reached));
      waits.add(new long[] {start, end});
    }
    deliveries.sort(Comparator.comparingLong(Delivery::arrival));

    Map<Long, InfluxPoint> lastPoint = new TreeMap<>();
    KeyedOneInputStreamOperatorTestHarness<String, WaitingChange, InfluxPoint> harness = open();
    harness.open();
    long watermark = Long.MIN_VALUE;
    int restoreAt = random.nextInt(2) == 0 ? random.nextInt(deliveries.size()) : -1;
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      long candidate = d.arrival() - 2_000 + (random.nextInt(4) == 0 ? random.nextInt(90_000) : 0);
      if (candidate > watermark) {
        watermark = candidate;
        harness.processWatermark(watermark);
      }
      if (i == restoreAt) {
        collect(harness, lastPoint);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = open();
        harness.initializeState(snapshot);
        harness.open();
      }
      harness.processElement(new StreamRecord<>(d.change(), d.change().clockStartMs()));
    }
    harness.processWatermark(Long.MAX_VALUE - 1);
    collect(harness, lastPoint);
    assertThat(harness.numKeyedStateEntries()).as("state left, seed %d", seed).isZero();
    assertThat(harness.numEventTimeTimers()).as("timers left, seed %d", seed).isZero();
    harness.close();

    List<String> wrong = new ArrayList<>();
    for (long t = T0; t <= T0 + span + 3 * HOUR; t += TICK) {
      long waiting = 0;
      long oldest = Long.MAX_VALUE;
      for (long[] w : waits) {
        if (w[0] <= t && t < w[1]) {
          waiting++;
          oldest = Math.min(oldest, w[0]);
        }
      }
      InfluxPoint written = lastPoint.get(t);
      if (written == null) {
        if (waiting > 0) {
          wrong.add(
              String.format("tick +%d s: nothing written, %d waiting", (t - T0) / 1000, waiting));
        }
        continue;
      }
      Object oldestWait = written.fields().get("oldest_wait_s");
      Object expectedOldest = waiting == 0 ? null : (t - oldest) / 1000.0;
      if (!written.fields().get("waiting").equals(waiting)
          || !java.util.Objects.equals(oldestWait, expectedOldest)) {
        wrong.add(
            String.format(
                "tick +%d s: written %s waiting, oldest %s; expected %d, %s",
                (t - T0) / 1000,
                written.fields().get("waiting"),
                oldestWait,
                waiting,
                expectedOldest));
      }
    }
    assertThat(wrong).as("seed %d", seed).isEmpty();
  }

  /** Usually within seconds; sometimes many minutes late, as after an outage. */
  private static long delay(Random random) {
    return random.nextInt(5) == 0 ? random.nextInt(1_200_000) : random.nextInt(5_000);
  }

  private static void collect(
      KeyedOneInputStreamOperatorTestHarness<String, WaitingChange, InfluxPoint> harness,
      Map<Long, InfluxPoint> lastPoint) {
    for (InfluxPoint p : harness.extractOutputValues()) {
      lastPoint.put(p.timeMillis(), p);
    }
    harness.getOutput().clear();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, WaitingChange, InfluxPoint> open()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            new CallsWaitingFunction(
                Duration.ofMillis(TICK), Duration.ofMillis(LATENESS), Duration.ofDays(2))),
        WaitingChange::key,
        Types.STRING);
  }
}
