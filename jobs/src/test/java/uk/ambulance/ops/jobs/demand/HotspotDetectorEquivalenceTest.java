package uk.ambulance.ops.jobs.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.uber.h3core.H3Core;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * The two-stage detector (cell counters, then the London scorer) against the old one, which counts
 * every cell at every tick ({@link OldHotspotDetector}): random call histories, with bursts in
 * neighbouring cells, calls out of order and some behind the watermark, give the same points at the
 * same ticks; scores and expectations may differ only by the rounding of the learned shares' sums.
 */
class HotspotDetectorEquivalenceTest {
  private static final long TICK = 10_000;
  private static final long MINUTE = 60_000;
  private static final long T0 = Instant.parse("2026-04-06T08:00:00Z").toEpochMilli();

  /** Sensitive settings, so that a short history flags cells often, and learns in between. */
  private static final DemandSettings SETTINGS =
      new DemandSettings(
          300,
          4,
          Duration.ofHours(1),
          50,
          2100,
          Duration.ofMinutes(20),
          3,
          4,
          Duration.ofMinutes(5),
          3,
          4);

  /** A call and when it reaches the detector. */
  record Delivered(Call call, long at) {}

  @Test
  void randomHistoriesGiveTheSamePointsAsCountingEveryCellAtEveryTick() throws Exception {
    int hot = 0;
    int major = 0;
    for (long seed = 1; seed <= 5; seed++) {
      List<Delivered> calls = history(new Random(seed));
      List<InfluxPoint> old = runOld(calls, seed);
      List<InfluxPoint> now = runStages(calls, seed);
      assertSamePoints(now, old, seed);
      hot += old.stream().filter(p -> p.measurement().equals("hotspots")).count();
      major += old.stream().filter(p -> p.measurement().equals("major_incidents")).count();
    }
    System.out.printf("equivalence: %d hotspot and %d major-incident points%n", hot, major);
    assertThat(hot).as("hotspot points, so that the comparison says something").isGreaterThan(100);
    assertThat(major).as("major-incident points").isGreaterThan(100);
  }

  /**
   * Three hours around one place: calls spread over its cells, bursts in a cell and its neighbours,
   * most calls a few seconds late, some minutes late, a few more than an hour.
   */
  private static List<Delivered> history(Random random) throws Exception {
    H3Core h3 = H3Core.newInstance();
    String centre = h3.latLngToCellAddress(51.5154, -0.1419, 8);
    List<String> area = h3.gridDisk(centre, 3);
    List<Call> calls = new ArrayList<>();
    for (long t = T0; t < T0 + 3 * 60 * MINUTE; t += random.nextInt(40_000)) {
      calls.add(new Call(t, "ALL", area.get(random.nextInt(area.size()))));
    }
    for (int b = 0; b < 12; b++) {
      long start = T0 + random.nextInt(170) * MINUTE;
      String at = area.get(random.nextInt(area.size()));
      List<String> near = h3.gridDisk(at, 1);
      int n = 3 + random.nextInt(10);
      for (int i = 0; i < n; i++) {
        String cell = random.nextBoolean() ? at : near.get(random.nextInt(near.size()));
        calls.add(new Call(start + random.nextInt(4 * 60_000), "ALL", cell));
      }
    }
    List<Delivered> delivered = new ArrayList<>();
    for (Call c : calls) {
      // A third on a tick: a window's edges are ticks, where off-by-one errors would show.
      if (random.nextInt(3) == 0) {
        c = new Call(c.timeMs() - Math.floorMod(c.timeMs(), TICK), c.area(), c.cell());
      }
      int kind = random.nextInt(100);
      long delay =
          kind < 85
              ? random.nextInt(20_000)
              : kind < 97 ? random.nextInt(5 * 60_000) : random.nextInt(90 * 60_000);
      delivered.add(new Delivered(c, c.timeMs() + delay));
    }
    delivered.sort(Comparator.comparingLong(Delivered::at));
    return delivered;
  }

  /** Watermarks 25 s behind the delivery clock, at most one a tick, never on a tick. */
  private interface Detector {
    void call(Call c) throws Exception;

    List<InfluxPoint> watermark(long wm) throws Exception;
  }

  private static List<InfluxPoint> run(List<Delivered> calls, long seed, Detector d)
      throws Exception {
    // The same watermarks for both: where one is skipped, the next passes several ticks at once.
    Random skips = new Random(seed);
    List<InfluxPoint> points = new ArrayList<>();
    int next = 0;
    for (long clock = T0; clock <= T0 + 6 * 60 * MINUTE; clock += TICK) {
      while (next < calls.size() && calls.get(next).at() <= clock) {
        d.call(calls.get(next++).call());
      }
      if (skips.nextInt(10) < 7) {
        points.addAll(d.watermark(clock - 25_000));
      }
    }
    points.addAll(d.watermark(T0 + 7 * 60 * MINUTE));
    return points;
  }

  private static List<InfluxPoint> runOld(List<Delivered> calls, long seed) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Call, InfluxPoint> harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new OldHotspotDetector(Duration.ofMillis(TICK), SETTINGS),
            c -> DemandPipeline.LONDON,
            Types.STRING);
    List<InfluxPoint> points =
        run(
            calls,
            seed,
            new Detector() {
              @Override
              public void call(Call c) throws Exception {
                harness.processElement(new StreamRecord<>(c, c.timeMs()));
              }

              @Override
              public List<InfluxPoint> watermark(long wm) throws Exception {
                harness.processWatermark(wm);
                List<InfluxPoint> out = new ArrayList<>(harness.extractOutputValues());
                harness.getOutput().clear();
                return out;
              }
            });
    assertThat(harness.numEventTimeTimers()).as("the old detector went idle").isZero();
    harness.close();
    return points;
  }

  private static List<InfluxPoint> runStages(List<Delivered> calls, long seed) throws Exception {
    try (HotspotStages stages = new HotspotStages(Duration.ofMillis(TICK), SETTINGS)) {
      List<InfluxPoint> points =
          run(
              calls,
              seed,
              new Detector() {
                @Override
                public void call(Call c) throws Exception {
                  stages.call(c);
                }

                @Override
                public List<InfluxPoint> watermark(long wm) throws Exception {
                  return stages.watermark(wm);
                }
              });
      assertThat(stages.counterStateEntries()).isZero();
      assertThat(stages.counterTimers()).isZero();
      assertThat(stages.scorerTimers()).isZero();
      return points;
    }
  }

  /** Point by point, keyed by measurement, tick and cell; flags and counts exactly. */
  private static void assertSamePoints(List<InfluxPoint> now, List<InfluxPoint> old, long seed) {
    Map<String, InfluxPoint> byKey = byKey(old);
    Map<String, InfluxPoint> nowByKey = byKey(now);
    assertThat(nowByKey.keySet()).as("seed %d: points", seed).isEqualTo(byKey.keySet());
    for (Map.Entry<String, InfluxPoint> e : byKey.entrySet()) {
      Map<String, Object> was = e.getValue().fields();
      Map<String, Object> is = nowByKey.get(e.getKey()).fields();
      assertThat(is.keySet()).as("seed %d: %s", seed, e.getKey()).isEqualTo(was.keySet());
      for (Map.Entry<String, Object> f : was.entrySet()) {
        Object v = is.get(f.getKey());
        if (f.getValue() instanceof Double d) {
          assertThat((Double) v)
              .as("seed %d: %s %s", seed, e.getKey(), f.getKey())
              .isCloseTo(d, within(1e-9 * Math.max(1, Math.abs(d))));
        } else {
          assertThat(v).as("seed %d: %s %s", seed, e.getKey(), f.getKey()).isEqualTo(f.getValue());
        }
      }
    }
    assertThat(now).hasSameSizeAs(old);
  }

  private static Map<String, InfluxPoint> byKey(List<InfluxPoint> points) {
    Map<String, InfluxPoint> map = new TreeMap<>();
    for (InfluxPoint p : points) {
      String key =
          p.measurement() + " " + Instant.ofEpochMilli(p.timeMillis()) + " " + p.tags().get("cell");
      assertThat(map.put(key, p)).as("one point per cell and tick: %s", key).isNull();
    }
    return map;
  }
}
