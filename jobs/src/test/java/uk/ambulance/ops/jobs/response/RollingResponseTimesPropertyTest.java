package uk.ambulance.ops.jobs.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.window.RollingWindowFunction;

/**
 * Random histories of insertions and corrections, delivered out of order behind a watermark that
 * sometimes races ahead of the data (as when a backpressured source looks quiet and its time runs
 * on with the wall clock), sometimes with a restore from a snapshot in the middle. Whatever the
 * order, the last point written for every tick must count exactly the incidents whose final clock
 * stop lies in that tick's hour: InfluxDB keeps the last write of a point, so that is what the wall
 * board shows once everything has arrived.
 */
class RollingResponseTimesPropertyTest {
  private static final long TICK = 10_000;
  private static final long HOUR = 3_600_000;
  private static final long LATENESS = 2 * HOUR;
  private static final long T0 = 1_775_469_600_000L; // a whole tick
  private static final String KEY = "C1T|ALL";

  /** A change as it reaches the window, and the watermark the window has seen before it. */
  private record Delivery(ResponseChange change, long arrival) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void theLastPointOfEveryTickCountsTheFinalEntriesOfItsHour(long seed) throws Exception {
    Random random = new Random(seed);
    List<Delivery> deliveries = new ArrayList<>();
    Map<String, long[]> finalStops = new HashMap<>();
    int incidents = 5 + random.nextInt(40);
    long span = (1 + random.nextInt(4)) * HOUR;
    for (int i = 0; i < incidents; i++) {
      String id = "i" + i;
      long stop = T0 + (long) (random.nextDouble() * span);
      long response = 60_000 + random.nextInt(1_800_000);
      long seen = stop + delay(random);
      deliveries.add(new Delivery(change(id, stop, response, true, false), seen));
      // Some incidents close later, which moves their clock stop and makes the value final.
      if (random.nextInt(3) == 0) {
        long closedStop = stop + random.nextInt(20) * TICK;
        long closedResponse = response + random.nextInt(60_000);
        long correctedAt = Math.max(seen, closedStop) + delay(random);
        deliveries.add(new Delivery(change(id, stop, response, true, true), correctedAt));
        deliveries.add(
            new Delivery(change(id, closedStop, closedResponse, false, false), correctedAt));
        finalStops.put(id, new long[] {closedStop, closedResponse});
      } else {
        finalStops.put(id, new long[] {stop, response});
      }
    }
    // In the order they arrive; a retraction and its insertion arrive together, retraction first.
    deliveries.sort(Comparator.comparingLong(Delivery::arrival));

    Map<Long, Long> lastCount = new TreeMap<>();
    KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, InfluxPoint> harness = open();
    harness.open();
    long watermark = Long.MIN_VALUE;
    int restoreAt = random.nextInt(2) == 0 ? random.nextInt(deliveries.size()) : -1;
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      // The watermark trails arrivals by the out-of-orderness bound, but now and then runs on
      // ahead of the next record by up to the length of an outage.
      long candidate = d.arrival() - 30_000 + (random.nextInt(4) == 0 ? random.nextInt(90_000) : 0);
      if (candidate > watermark) {
        watermark = candidate;
        harness.processWatermark(watermark);
      }
      if (i == restoreAt) {
        collect(harness, lastCount);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = open();
        harness.initializeState(snapshot);
        harness.open();
      }
      harness.processElement(new StreamRecord<>(d.change(), d.change().timeMs()));
    }
    harness.processWatermark(Long.MAX_VALUE - 1);
    collect(harness, lastCount);
    harness.close();

    List<String> wrong = new ArrayList<>();
    long first = T0 / TICK * TICK;
    long last = first + span + 2 * HOUR;
    for (long t = first; t <= last; t += TICK) {
      long expected = 0;
      for (long[] stop : finalStops.values()) {
        if (stop[0] > t - HOUR && stop[0] <= t) {
          expected++;
        }
      }
      Long written = lastCount.get(t);
      if (written == null ? expected != 0 : written != expected) {
        wrong.add(
            String.format(
                "tick +%d s: written %s, expected %d", (t - T0) / 1000, written, expected));
      }
    }
    assertThat(wrong).as("seed %d", seed).isEmpty();
  }

  /** Usually within the out-of-orderness bound; sometimes minutes late, as after an outage. */
  private static long delay(Random random) {
    return random.nextInt(5) == 0 ? random.nextInt(600_000) : random.nextInt(30_000);
  }

  private static ResponseChange change(
      String id, long stop, long response, boolean provisional, boolean retract) {
    return new ResponseChange(
        id, ReportingCategory.C1T, "ALL", stop, response, provisional, retract);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, InfluxPoint> open()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            new RollingWindowFunction<>(
                ResponseSample.window(CentileDefinition.LINEAR),
                "1h",
                Duration.ofHours(1),
                Duration.ofMillis(TICK),
                Duration.ofMillis(LATENESS))),
        ResponseChange::windowKey,
        Types.STRING);
  }

  private static void collect(
      KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, InfluxPoint> harness,
      Map<Long, Long> lastCount) {
    for (InfluxPoint p : harness.extractOutputValues()) {
      assertThat(p.tags()).containsEntry("category", "C1T");
      lastCount.put(p.timeMillis(), (Long) p.fields().get("incidents"));
    }
    harness.getOutput().clear();
  }
}
