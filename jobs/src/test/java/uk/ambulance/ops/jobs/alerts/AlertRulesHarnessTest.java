package uk.ambulance.ops.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Every shipped rule through the real state function: it raises only once the raise level has held
 * for the rule's hold time, a value between the clear and raise levels neither clears nor raises it
 * again (hysteresis), it clears once past the clear level, and nothing is left in state or timers
 * afterwards. The points are built as the features build them and read through {@link RuleMatcher},
 * so a rule that names a wrong field or tag fails here.
 */
class AlertRulesHarnessTest {
  private static final long T0 = 1_775_469_600_000L;
  private static final long MINUTE = 60_000;

  static Stream<AlertRule> levelRules() {
    return AlertRules.defaults().stream().filter(r -> !r.perMinute());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("levelRules")
  void raisesAfterItsHoldKeepsFiringInsideTheHysteresisBandAndClearsOnce(AlertRule rule)
      throws Exception {
    Levels l = Levels.of(rule);
    try (var harness = harness(rule)) {
      long t = T0;
      feed(harness, rule, l.safe, t);
      assertThat(harness.extractOutputValues()).isEmpty();
      assertThat(harness.numKeyedStateEntries()).isZero();

      long hold = rule.hold().toMillis();
      if (hold > 0) {
        // Reaching the level for less than the hold raises nothing, and undoing it forgets it.
        feed(harness, rule, l.raising, t += MINUTE);
        feed(harness, rule, l.safe, t + hold / 2);
        harness.processWatermark(t + hold);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
        t += hold;
      }
      long raisedAt = t += MINUTE;
      feed(harness, rule, l.raising, raisedAt);
      if (hold > 0) {
        assertThat(harness.extractOutputValues()).as("still holding").isEmpty();
        if (rule.wallClock()) {
          // Wall-clock figures come every 10 s; the value at the hold's end raises it.
          feed(harness, rule, l.raising, raisedAt + hold);
        } else {
          // Event-time figures may be written only on change: the watermark raises it.
          harness.processWatermark(raisedAt + hold);
        }
      }
      List<Alert> fired = harness.extractOutputValues();
      assertThat(fired).hasSize(1);
      Alert firing = fired.get(0);
      assertThat(firing.state()).isEqualTo(Alert.State.FIRING);
      assertThat(firing.time().toEpochMilli()).isEqualTo(raisedAt + hold);
      assertThat(firing.threshold()).isEqualTo(l.raise);
      assertThat(firing.rule()).isEqualTo(rule.name());
      assertThat(firing.severity()).isEqualTo(rule.severity());
      assertThat(firing.message()).doesNotContain("{");

      t = raisedAt + hold;
      if (l.band != null) {
        feed(harness, rule, l.band, t += MINUTE);
      }
      feed(harness, rule, l.raising, t += MINUTE);
      assertThat(harness.extractOutputValues()).as("no second page").hasSize(1);

      long clearHold = rule.clearHold().toMillis();
      if (clearHold > 0) {
        // A dip past the clear level shorter than the clear hold does not resolve it.
        feed(harness, rule, l.cleared, t += MINUTE);
        feed(harness, rule, l.raising, t + clearHold / 2);
        harness.processWatermark(t + clearHold);
        assertThat(harness.extractOutputValues()).as("a dip is no resolve").hasSize(1);
        t += clearHold;
      }
      feed(harness, rule, l.cleared, t += MINUTE);
      if (clearHold > 0) {
        harness.processWatermark(t += clearHold);
      }
      List<Alert> all = harness.extractOutputValues();
      assertThat(all)
          .extracting(Alert::state)
          .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
      assertThat(all.get(1).alertKey()).isEqualTo(firing.alertKey());
      assertThat(all.get(1).threshold()).isEqualTo(l.clear);
      assertThat(all.get(1).time().toEpochMilli()).isEqualTo(t);
      assertThat(all.get(1).message())
          .as("a resolve says so, not the firing line with the cleared value")
          .startsWith("Resolved: " + rule.alertname())
          .doesNotContain("{");
      assertThat(harness.numKeyedStateEntries()).as("state gone").isZero();
      assertThat(harness.numEventTimeTimers()).as("timers gone").isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("levelRules")
  void aRestartFromACheckpointNeitherPagesAgainNorForgetsTheAlert(AlertRule rule) throws Exception {
    Levels l = Levels.of(rule);
    OperatorSubtaskState snapshot;
    long t = T0 + MINUTE;
    try (var harness = harness(rule)) {
      feed(harness, rule, l.raising, t);
      feed(harness, rule, l.raising, t += rule.hold().toMillis());
      harness.processWatermark(t);
      assertThat(harness.extractOutputValues())
          .extracting(Alert::state)
          .containsExactly(Alert.State.FIRING);
      snapshot = harness.snapshot(1, t);
    }
    try (var restored =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new AlertStateFunction(List.of(rule))),
            Observation::alertKey,
            Types.STRING)) {
      restored.initializeState(snapshot);
      restored.open();
      feed(restored, rule, l.raising, t += MINUTE);
      assertThat(restored.extractOutputValues()).as("no duplicate page").isEmpty();
      feed(restored, rule, l.cleared, t += MINUTE);
      restored.processWatermark(t + rule.clearHold().toMillis());
      assertThat(restored.extractOutputValues())
          .extracting(Alert::state)
          .containsExactly(Alert.State.RESOLVED);
    }
  }

  @Test
  void deadLettersCompareTheIncreasePerMinuteOfTheRunningTotal() throws Exception {
    AlertRule rule = rule("DeadLetters");
    double raise = rule.raise().number();
    double clear = rule.clear().number();
    long hold = rule.hold().toMillis();
    try (var harness = harness(rule)) {
      long t = T0;
      double total = 1000; // since the job started: its level is no rate
      feed(harness, rule, total, t);
      // The first increase is a minute in: the hold runs from there.
      for (long m = MINUTE; m <= hold + MINUTE; m += MINUTE) {
        feed(harness, rule, total += raise * 2, t + m); // twice the raise level a minute
      }
      assertThat(harness.extractOutputValues())
          .extracting(Alert::state)
          .containsExactly(Alert.State.FIRING);
      t += hold + MINUTE;
      feed(harness, rule, total += clear, t += MINUTE); // exactly the clear level: holds
      assertThat(harness.extractOutputValues()).hasSize(1);
      feed(harness, rule, total, t + MINUTE); // none: clears
      List<Alert> all = harness.extractOutputValues();
      assertThat(all)
          .extracting(Alert::state)
          .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
      assertThat(all.get(0).value())
          .isCloseTo(raise * 2, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(harness.numEventTimeTimers()).isZero();
      // Only the running total is remembered.
      assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }
  }

  @Test
  void aPointOfAnotherScopeOrOutsideTheFilterIsNotRead() {
    AlertRule rule = rule("CallWaitingBeyondStandard");
    InfluxPoint c3 =
        InfluxPoint.builder("calls_waiting", T0)
            .tag("category", "C3")
            .tag("area", "NW")
            .field("oldest_wait_s", 99_999.0)
            .build();
    InfluxPoint london =
        InfluxPoint.builder("calls_waiting", T0)
            .tag("category", "C1")
            .tag("area", "ALL")
            .field("oldest_wait_s", 99_999.0)
            .build();
    assertThat(RuleMatcher.observe(rule, c3, false)).isNull();
    assertThat(RuleMatcher.observe(rule, london, false)).isNull();
    AlertRule wall = rule("InputStreamSilent");
    InfluxPoint lag =
        InfluxPoint.builder("pipeline", T0)
            .tag("stream", "cad.incidents")
            .field("idle_s", 1e6)
            .build();
    assertThat(RuleMatcher.observe(wall, lag, true)).as("not in a replay").isNull();
    assertThat(RuleMatcher.observe(wall, lag, false)).isNotNull();
  }

  /**
   * The call-wait rules are tiered on one figure: past the standard shows on the board (info), past
   * a multiple of it pages (critical). Fed the same points of one area, a wait between the two
   * levels raises only the board's alert, a longer one pages too, and each resolves by its own
   * clear hold once no call waits past the standard.
   */
  @Test
  void aLongC1WaitShowsOnTheBoardFirstAndPagesOnlyPastTheCriticalLevel() throws Exception {
    List<AlertRule> tiers =
        AlertRules.defaults().stream()
            .filter(r -> r.measurement().equals("calls_waiting"))
            .filter(r -> r.field().equals("oldest_wait_s"))
            .filter(r -> r.where().get("category").contains("C1"))
            .toList();
    AlertRule board = tiers.stream().filter(r -> r.severity().equals("info")).findFirst().get();
    AlertRule page = tiers.stream().filter(r -> r.severity().equals("critical")).findFirst().get();
    Map<String, String> nw = Map.of("category", "C1", "area", "NW");
    double standard = ReportingCategory.C1.targetP90Seconds().getAsDouble();
    double critical = page.raise().resolve(nw).getAsDouble();
    assertThat(board.raise().resolve(nw).getAsDouble()).isEqualTo(standard);
    assertThat(critical).as("pages only well past the standard").isGreaterThan(standard);
    assertThat(page.clear().resolve(nw).getAsDouble()).isEqualTo(standard);

    try (var harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new AlertStateFunction(tiers), Observation::alertKey, Types.STRING)) {
      long t = T0;
      // One call waits; its wait grows with the clock, tick by tick.
      double waited = standard - 60;
      for (; waited < critical - 60; waited += 60, t += MINUTE) {
        feedWait(harness, tiers, nw, waited, t);
      }
      assertThat(harness.extractOutputValues())
          .as("past the standard: on the board only")
          .extracting(Alert::rule, Alert::state)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(board.name(), Alert.State.FIRING));
      for (; waited <= critical; waited += 60, t += MINUTE) {
        feedWait(harness, tiers, nw, waited, t);
      }
      List<Alert> paged = harness.extractOutputValues();
      assertThat(paged).hasSize(2);
      assertThat(paged.get(1).rule()).isEqualTo(page.name());
      assertThat(paged.get(1).severity()).isEqualTo("critical");
      assertThat(paged.get(1).state()).isEqualTo(Alert.State.FIRING);

      // The call is reached; the next oldest has waited under the standard, then none waits.
      long reached = t;
      feedWait(harness, tiers, nw, standard / 3, reached);
      harness.processWatermark(reached + board.clearHold().toMillis());
      assertThat(harness.extractOutputValues())
          .as("the board's alert resolves after its clear hold, the page not yet")
          .hasSize(3)
          .last()
          .satisfies(a -> assertThat(a.rule()).isEqualTo(board.name()))
          .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.State.RESOLVED));
      harness.processWatermark(reached + page.clearHold().toMillis());
      assertThat(harness.extractOutputValues())
          .hasSize(4)
          .last()
          .satisfies(a -> assertThat(a.rule()).isEqualTo(page.name()))
          .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.State.RESOLVED));
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  private static void feedWait(
      KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> harness,
      List<AlertRule> rules,
      Map<String, String> tags,
      double oldestWaitS,
      long t)
      throws Exception {
    InfluxPoint.Builder point = InfluxPoint.builder("calls_waiting", t);
    tags.forEach(point::tag);
    InfluxPoint p = point.field("waiting", 1L).field("oldest_wait_s", oldestWaitS).build();
    for (AlertRule rule : rules) {
      Observation o = RuleMatcher.observe(rule, p, false);
      assertThat(o).as("%s reads the point", rule.name()).isNotNull();
      harness.processElement(new StreamRecord<>(o, t));
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * A rule's levels and values on each side of them, worked out from the file and the standards.
   */
  record Levels(
      double raise, double clear, double raising, Double band, double cleared, double safe) {
    static Levels of(AlertRule rule) {
      Map<String, String> tags = tags(rule);
      double raise = level(rule.raise(), tags);
      double clear = level(rule.clear(), tags);
      double sign = rule.above() ? 1 : -1;
      Double band = raise == clear ? null : clear; // at the clear level: neither raises nor clears
      return new Levels(raise, clear, raise, band, clear - sign, clear - sign);
    }

    private static double level(Threshold t, Map<String, String> tags) {
      if (t.source() == Threshold.Source.NUMBER) {
        return t.number();
      }
      ReportingCategory c = ReportingCategory.valueOf(tags.get("category"));
      double standard =
          t.source() == Threshold.Source.STANDARD_P90
              ? c.targetP90Seconds().getAsDouble()
              : c.targetMeanSeconds().getAsDouble();
      return standard * t.number();
    }
  }

  /** Tags that pass the rule's filter, with a value for each scope tag. */
  static Map<String, String> tags(AlertRule rule) {
    Map<String, String> tags = new TreeMap<>();
    rule.where().forEach((tag, values) -> tags.put(tag, values.get(0)));
    for (String tag : rule.scope()) {
      tags.putIfAbsent(tag, "x-" + tag);
    }
    return tags;
  }

  private static AlertRule rule(String name) {
    return AlertRules.defaults().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> harness(
      AlertRule rule) throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new AlertStateFunction(List.of(rule)), Observation::alertKey, Types.STRING);
  }

  private static void feed(
      KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> harness,
      AlertRule rule,
      double value,
      long t)
      throws Exception {
    InfluxPoint.Builder point = InfluxPoint.builder(rule.measurement(), t);
    tags(rule).forEach(point::tag);
    point.field(rule.field(), value).field("other", 1L);
    Observation o = RuleMatcher.observe(rule, point.build(), false);
    assertThat(o).as("the rule reads the point").isNotNull();
    harness.processElement(new StreamRecord<>(o, t));
  }
}
