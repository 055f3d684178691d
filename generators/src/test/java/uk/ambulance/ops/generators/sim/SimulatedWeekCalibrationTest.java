package uk.ambulance.ops.generators.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.generators.support.AmbsysFigures;
import uk.ambulance.ops.generators.support.IndependentClock;
import uk.ambulance.ops.generators.support.SimRun;
import uk.ambulance.ops.generators.truth.GroundTruth;
import uk.ambulance.ops.generators.truth.ResponseStats;

/**
 * A simulated week with default settings against the LAS AmbSYS figures for April 2026, read from
 * the extract itself; and the week's ground truth against a recomputation from its events. (The
 * position feed is left out here: it does not change the incidents and a week of it is large.)
 */
class SimulatedWeekCalibrationTest {
  private static final double TOLERANCE = 0.20;
  private static SimRun week;
  private static ResponseStats stats;
  private static AmbsysFigures las;

  @BeforeAll
  static void simulateAWeek() throws Exception {
    week = SimRun.of(SimSettings.defaults().withDuration(Duration.ofDays(7)), false);
    stats = ResponseStats.of(week.truths);
    las = AmbsysFigures.of("RRU", 2026, 4);
    System.out.println("simulated week vs AmbSYS LAS April 2026:\n" + stats.table());
  }

  @ParameterizedTest
  @EnumSource(
      value = ReportingCategory.class,
      names = {"C1", "C1T", "C2", "C3"})
  void meanAndNinetiethCentileWithinTwentyPercentOfLondon(ReportingCategory category) {
    ResponseStats.Figures sim = stats.figures().get(category);
    double mean = las.get(category + "_mean_s");
    double p90 = las.get(category + "_p90_s");
    assertThat(sim.count()).as("%s incidents", category).isGreaterThan(1000);
    assertThat(sim.meanSeconds()).as("%s mean", category).isCloseTo(mean, within(mean * TOLERANCE));
    assertThat(sim.p90Seconds()).as("%s p90", category).isCloseTo(p90, within(p90 * TOLERANCE));
  }

  @Test
  void categoryMixOfResponsesIsNearLondons() {
    double lasResponded =
        las.get("C1_count") + las.get("C2_count") + las.get("C3_count") + las.get("C4_count");
    long simResponded = 0;
    for (String c : new String[] {"C1", "C2", "C3", "C4"}) {
      simResponded += stats.figures().get(ReportingCategory.valueOf(c)).count();
    }
    for (String c : new String[] {"C1", "C2", "C3"}) {
      double lasShare = las.get(c + "_count") / lasResponded;
      double simShare =
          (double) stats.figures().get(ReportingCategory.valueOf(c)).count() / simResponded;
      assertThat(simShare).as("%s share", c).isCloseTo(lasShare, within(lasShare * TOLERANCE));
    }
    double c1tShare = las.get("C1T_count") / las.get("C1_count");
    double simC1t =
        (double) stats.figures().get(ReportingCategory.C1T).count()
            / stats.figures().get(ReportingCategory.C1).count();
    assertThat(simC1t).as("C1T share of C1").isCloseTo(c1tShare, within(c1tShare * TOLERANCE));
  }

  @Test
  void hearAndTreatIsAboutOneIncidentInFive() {
    assertThat(stats.hearAndTreatShare()).isBetween(0.18, 0.26);
  }

  @Test
  void aboutSixThousandCallsADay() {
    long calls = week.truths.size();
    assertThat(calls / 7.0).isBetween(5000.0, 7000.0);
  }

  @Test
  void groundTruthAgreesExactlyWithARecomputationFromTheEvents() {
    Map<String, IndependentClock.Result> recomputed =
        IndependentClock.recompute(
            week.validIncidentEvents(), week.settings.calls().clockStartCapSeconds());
    assertThat(recomputed).hasSize(week.truths.size());
    for (GroundTruth truth : week.truths) {
      IndependentClock.Result r = recomputed.get(truth.incidentId());
      assertThat(r).as(truth.incidentId()).isNotNull();
      assertThat(r.outcome()).as("outcome of %s", truth.incidentId()).isEqualTo(truth.outcome());
      assertThat(r.counted()).as("counted %s", truth.incidentId()).isEqualTo(truth.counted());
      assertThat(r.highest())
          .as("highest %s", truth.incidentId())
          .isEqualTo(truth.highestCategory());
      assertThat(r.startMs())
          .as("clock start %s", truth.incidentId())
          .isEqualTo(truth.clockStart() == null ? null : truth.clockStart().toEpochMilli());
      if (truth.counted()) {
        assertThat(r.counting())
            .as("counting %s", truth.incidentId())
            .isEqualTo(truth.countingCategory());
        assertThat(r.stopMs())
            .as("stop %s", truth.incidentId())
            .isEqualTo(truth.clockStop().toEpochMilli());
        assertThat(r.stopMs() - r.startMs()).isEqualTo(truth.responseTimeMs());
        assertThat(r.c1tStopMs())
            .as("C1T stop %s", truth.incidentId())
            .isEqualTo(truth.c1tClockStop() == null ? null : truth.c1tClockStop().toEpochMilli());
      }
    }
  }
}
