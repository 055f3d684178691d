package uk.ambulance.ops.jobs.hospitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.testing.PercentileInc;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * The hospital operator against a plain calculation: crews arriving and handed over at random
 * across London midnight, statuses every 15 minutes with an hour on divert. Every point at every
 * tick must equal what the stays and statuses say at that instant.
 */
class HospitalPressureTest {
  private static final long TICK = 10_000;
  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;
  // 22:00 UTC = 23:00 in London (BST): "today" restarts an hour in.
  private static final long T0 = Instant.parse("2026-04-06T22:00:00Z").toEpochMilli();
  private static final HospitalSettings SETTINGS =
      new HospitalSettings(Duration.ofMinutes(15), Duration.ofMinutes(45), Duration.ofHours(1));

  record Stay(String key, long arrived, long handedOver) {}

  private static KeyedOneInputStreamOperatorTestHarness<String, HospitalSignal, InfluxPoint>
      harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new HospitalPressure(Duration.ofMillis(TICK), SETTINGS, CentileDefinition.LINEAR),
        HospitalSignal::hospitalId,
        Types.STRING);
  }

  private static HospitalStatus status(long t, boolean divert, int opel) {
    return new HospitalStatus(
        "s" + t, "H1", Instant.ofEpochMilli(t), "St Elsewhere", 51.5, -0.1, 97.5, 12, opel, divert);
  }

  @Test
  void everyTickEqualsThePlainCalculationAndNothingIsLeftAfterwards() throws Exception {
    Random random = new Random(5);
    List<Stay> stays = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long arrived = T0 + random.nextInt((int) (3 * HOUR));
      stays.add(new Stay("S" + i, arrived, arrived + (3 + random.nextInt(100)) * MINUTE + 1234));
    }
    List<HospitalStatus> statuses = new ArrayList<>();
    for (long t = T0 - 5 * MINUTE; t < T0 + 4 * HOUR; t += 15 * MINUTE) {
      boolean divert = t >= T0 + HOUR && t < T0 + 2 * HOUR;
      statuses.add(status(t, divert, divert ? 4 : 2));
    }
    // What the operator receives, in event-time order: an open stay at arrival, replaced by the
    // completed one at handover; each status at its time.
    record Timed(long time, HospitalSignal signal) {}
    List<Timed> inputs = new ArrayList<>();
    for (Stay s : stays) {
      HandoverRecord open = new HandoverRecord(s.key, "H1", s.arrived, HandoverRecord.OPEN, false);
      inputs.add(new Timed(s.arrived, HospitalSignal.insert(open)));
      inputs.add(new Timed(s.handedOver, HospitalSignal.retract(open)));
      inputs.add(
          new Timed(
              s.handedOver,
              HospitalSignal.insert(
                  new HandoverRecord(s.key, "H1", s.arrived, s.handedOver, true))));
    }
    statuses.forEach(st -> inputs.add(new Timed(st.timeMillis(), HospitalSignal.status(st))));
    inputs.sort(Comparator.comparingLong(Timed::time));

    var harness = harness();
    List<InfluxPoint> points = new ArrayList<>();
    int next = 0;
    // Past the London midnight after the last handover: a day's lost hours are kept until then.
    long end = Ticks.startOfNextLondonDay(T0 + 6 * HOUR) + TICK;
    for (long wm = T0 - 10 * MINUTE; wm <= end; wm += TICK) {
      // Events up to 25 s past the watermark are already in, as with bounded out-of-orderness.
      while (next < inputs.size() && inputs.get(next).time <= wm + 25_000) {
        harness.processElement(new StreamRecord<>(inputs.get(next).signal, inputs.get(next).time));
        next++;
      }
      harness.processWatermark(wm);
      assertThat(harness.getOutput().stream().filter(o -> !(o instanceof StreamRecord<?>)))
          .isNotEmpty();
      points.addAll(harness.extractOutputValues());
      harness.getOutput().clear();
    }

    int handoverPoints = 0;
    int divertFlags = 0;
    for (InfluxPoint p : points) {
      long t = p.timeMillis();
      if (p.measurement().equals("handovers")) {
        handoverPoints++;
        assertHandovers(p, stays, t);
      } else {
        assertThat(p.measurement()).isEqualTo("hospital_capacity");
        HospitalStatus inForce =
            statuses.stream().filter(s -> s.timeMillis() <= t).reduce((a, b) -> b).orElseThrow();
        assertThat(p.fields())
            .containsEntry("opel_level", (long) inForce.opelLevel())
            .containsEntry("divert", inForce.divert() ? 1L : 0L)
            .containsEntry("beds_available", 12L);
        long onDivert =
            stays.stream()
                .filter(s -> s.arrived > t - HOUR && s.arrived <= t)
                .filter(
                    s ->
                        statuses.stream()
                            .filter(st -> st.timeMillis() <= s.arrived)
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .divert())
                .count();
        assertThat(p.fields()).as("at %s", t).containsEntry("arrivals_on_divert_1h", onDivert);
        divertFlags += onDivert > 0 ? 1 : 0;
      }
    }
    // A point every tick from the first input to an hour after the last status went stale.
    assertThat(handoverPoints).isGreaterThan((int) (4 * HOUR / TICK));
    assertThat(divertFlags).isPositive();
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    harness.close();
  }

  /**
   * The status feed falls behind CAD and no crew is at the ED for a while, so the hospital stops
   * ticking; the day's lost hours must still be there when the next crew arrives, and gone only
   * after the day ends.
   */
  @Test
  void aQuietSpellWithAStaleStatusKeepsTheDaysLostHours() throws Exception {
    var harness = harness();
    long morning = Instant.parse("2026-04-07T08:00:00Z").toEpochMilli();
    Stay early = new Stay("early", morning, morning + 45 * MINUTE); // 30 minutes lost
    Stay late = new Stay("late", morning + 4 * HOUR, morning + 4 * HOUR + 10 * MINUTE);
    harness.processElement(HospitalSignal.status(status(morning, false, 2)), morning);
    for (Stay s : List.of(early, late)) {
      harness.processElement(
          HospitalSignal.insert(new HandoverRecord(s.key, "H1", s.arrived, s.handedOver, true)),
          s.handedOver);
      // The watermark reaches the handover, then runs on past the hour the status stays fresh.
      harness.processWatermark(s.handedOver + 2 * HOUR);
    }
    List<InfluxPoint> afterLate =
        harness.extractOutputValues().stream()
            .filter(p -> p.measurement().equals("handovers"))
            .filter(p -> p.timeMillis() >= late.handedOver)
            .toList();
    assertThat(afterLate)
        .isNotEmpty()
        .allSatisfy(p -> assertThat((Double) p.fields().get("lost_hours_today")).isEqualTo(0.5));
    long midnight = Ticks.startOfNextLondonDay(late.handedOver);
    harness.getOutput().clear();
    harness.processWatermark(midnight);
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(p -> assertThat(p.fields()).containsEntry("lost_hours_today", 0.0));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    harness.close();
  }

  private static void assertHandovers(InfluxPoint p, List<Stay> stays, long t) {
    List<Stay> waiting = stays.stream().filter(s -> s.arrived <= t && t < s.handedOver).toList();
    long longest = waiting.stream().mapToLong(s -> t - s.arrived).max().orElse(0);
    List<Long> lastHour =
        stays.stream()
            .filter(s -> s.handedOver > t - HOUR && s.handedOver <= t)
            .map(s -> s.handedOver - s.arrived)
            .sorted()
            .toList();
    ZoneId london = ZoneId.of("Europe/London");
    LocalDate today = Instant.ofEpochMilli(t).atZone(london).toLocalDate();
    double lostMs =
        stays.stream()
            .filter(s -> s.handedOver <= t)
            .filter(
                s -> Instant.ofEpochMilli(s.handedOver).atZone(london).toLocalDate().equals(today))
            .mapToDouble(s -> Math.max(0, s.handedOver - s.arrived - 15 * MINUTE))
            .sum();
    assertThat(p.tags()).containsEntry("hospital", "H1");
    assertThat(p.fields())
        .as("handovers at %s", t)
        .containsEntry("waiting", (long) waiting.size())
        .containsEntry("longest_wait_s", longest / 1000.0)
        .containsEntry("handovers_1h", (long) lastHour.size())
        .containsEntry("over_30", lastHour.stream().filter(d -> d > 30 * MINUTE).count())
        .containsEntry("over_60", lastHour.stream().filter(d -> d > 60 * MINUTE).count())
        .containsEntry("released_45", lastHour.stream().filter(d -> d >= 45 * MINUTE).count())
        .containsEntry(
            "release_due", waiting.stream().filter(s -> t - s.arrived >= 45 * MINUTE).count());
    assertThat((Double) p.fields().get("lost_hours_today")).isCloseTo(lostMs / HOUR, within(1e-9));
    if (lastHour.isEmpty()) {
      assertThat(p.fields()).doesNotContainKey("mean_s");
      return;
    }
    double mean = lastHour.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000.0;
    double p90 =
        PercentileInc.of(lastHour.stream().mapToLong(Long::longValue).toArray(), 0.9) / 1000.0;
    assertThat((Double) p.fields().get("mean_s")).isCloseTo(mean, within(1e-6));
    assertThat((Double) p.fields().get("p90_s")).isCloseTo(p90, within(1e-6));
  }
}
