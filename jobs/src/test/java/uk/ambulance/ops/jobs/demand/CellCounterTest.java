package uk.ambulance.ops.jobs.demand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.JobSettings;

/**
 * The cell counter against a brute-force count: at every tick, the counts a cell last sent are its
 * calls in each window as of that tick, counting a call only from the first tick its watermark
 * allows; a change is sent only when the counts change; and once the calls are out of the windows,
 * no state and no timer is left.
 */
class CellCounterTest {
  private static final long TICK = 10_000;
  private static final long MINUTE = 60_000;
  private static final long T0 = Instant.parse("2026-04-06T12:00:00Z").toEpochMilli();
  private static final DemandSettings SETTINGS = JobSettings.defaults().demand();
  private static final long WINDOW = SETTINGS.hotspotWindow().toMillis();
  private static final long MINUTES = SETTINGS.majorIncidentWindow().toMillis();

  /** A call sent to a counter, and the watermark it came after. */
  record Sent(CellCall call, long afterWatermark) {}

  @Test
  void sentCountsAreTheCallsInEachWindowAtEveryTickAndNothingIsLeft() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      checkAgainstBruteForce(new Random(seed));
    }
  }

  private static void checkAgainstBruteForce(Random random) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, CellCall, CellCountChange> harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new CellCounter(Duration.ofMillis(TICK), SETTINGS), CellCall::centre, Types.STRING);
    List<String> cells = List.of("A", "B", "C");
    List<Sent> sent = new ArrayList<>();
    Map<String, long[]> known = new HashMap<>();
    Map<String, Long> lastChangeTick = new HashMap<>();
    long end = T0 + 3 * WINDOW;
    long wm = T0 - TICK;
    harness.processWatermark(new Watermark(wm));
    for (long step = T0; step <= end; step += TICK) {
      int calls = step < T0 + WINDOW ? random.nextInt(3) : 0;
      for (int i = 0; i < calls; i++) {
        long lateness =
            random.nextInt(10) == 0 ? random.nextInt(90) * MINUTE : random.nextInt(30_000);
        // Some calls are early too: ahead of the watermark by up to a minute.
        long time = step - lateness + random.nextInt(60_000);
        // A third on a tick: a window's edges are ticks, where off-by-one errors would show.
        time = random.nextInt(3) == 0 ? time - Math.floorMod(time, TICK) : time;
        CellCall c = new CellCall(cells.get(random.nextInt(3)), time, random.nextBoolean());
        harness.processElement(new StreamRecord<>(c, time));
        sent.add(new Sent(c, wm));
      }
      harness.processWatermark(new Watermark(step));
      List<CellCountChange> changes = new ArrayList<>(harness.extractOutputValues());
      harness.getOutput().clear();
      // Apply each tick's changes in order and compare with the brute force at every tick.
      TreeSet<Long> ticks = new TreeSet<>();
      for (long t = wm + TICK; t <= step; t += TICK) {
        ticks.add(t);
      }
      for (CellCountChange c : changes) {
        assertThat(ticks).as("a change at a tick this watermark passed").contains(c.tick());
      }
      for (long t : ticks) {
        for (CellCountChange c : changes) {
          if (c.tick() == t) {
            long[] now = {c.window(), c.minutes(), c.disk()};
            assertThat(now).as("a change changes something").isNotEqualTo(known.get(c.cell()));
            assertThat(lastChangeTick.getOrDefault(c.cell(), Long.MIN_VALUE))
                .as("one change a tick")
                .isNotEqualTo(t);
            known.put(c.cell(), now);
            lastChangeTick.put(c.cell(), t);
          }
        }
        for (String cell : cells) {
          assertThat(known.getOrDefault(cell, new long[3]))
              .as("%s at %s", cell, Instant.ofEpochMilli(t))
              .containsExactly(bruteForce(sent, cell, t));
        }
      }
      wm = step;
      assertThat(harness.numEventTimeTimers())
          .as("one timer a cell at most")
          .isLessThanOrEqualTo(3);
    }
    assertThat(known.values()).allSatisfy(c -> assertThat(c).containsExactly(0, 0, 0));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    harness.close();
  }

  /** The counts of {@code cell} at tick t: calls sent before the watermark reached t. */
  private static long[] bruteForce(List<Sent> sent, String cell, long t) {
    long window = 0;
    long minutes = 0;
    long disk = 0;
    for (Sent s : sent) {
      long time = s.call().timeMs();
      if (!s.call().centre().equals(cell) || s.afterWatermark() >= t || time > t) {
        continue;
      }
      boolean inMinutes = time > t - MINUTES;
      window += s.call().own() && time > t - WINDOW ? 1 : 0;
      minutes += s.call().own() && inMinutes ? 1 : 0;
      disk += inMinutes ? 1 : 0;
    }
    return new long[] {window, minutes, disk};
  }
}
