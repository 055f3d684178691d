package uk.ambulance.ops.jobs.atrisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The projection against the day it describes, built call by call: the measured calls as they are,
 * each waiting call at twice its wait so far, and the calls still to come at the last hour's mean
 * (for the mean) or, a whole number of them, breaching in the last hour's share (for the p90).
 */
class LikelyBreachTest {
  private static final double P90_STANDARD_S = 2400;
  private static final double MEAN_STANDARD_S = 1080;

  @Test
  void projectsTheDayCallByCall() {
    Random random = new Random(3);
    for (int day = 0; day < 500; day++) {
      List<Double> measured = times(random, random.nextInt(100));
      List<Double> waiting = times(random, random.nextInt(30));
      int toCome = 10 * random.nextInt(20);
      int recentN = 10;
      int recentOver = random.nextInt(recentN + 1);
      double recentMean = random.nextDouble() * 3000;
      DayState d =
          new DayState(
              measured.size(),
              measured.stream().filter(v -> v > P90_STANDARD_S).count(),
              measured.stream().mapToDouble(Double::doubleValue).sum(),
              waiting.size(),
              waiting.stream().filter(v -> v > P90_STANDARD_S).count(),
              waiting.stream().filter(v -> v > P90_STANDARD_S / 2).count(),
              waiting.stream().mapToDouble(Double::doubleValue).sum(),
              (double) recentOver / recentN,
              recentMean,
              toCome,
              toCome * 3L);

      List<Double> projected = new ArrayList<>(measured);
      waiting.forEach(w -> projected.add(2 * w));
      int n = projected.size() + toCome;
      if (n == 0) {
        continue;
      }
      double sum = projected.stream().mapToDouble(Double::doubleValue).sum() + toCome * recentMean;
      assertThat(LikelyBreach.meanIndex(d, MEAN_STANDARD_S))
          .isCloseTo(sum / n / MEAN_STANDARD_S, within(1e-9));

      long over = projected.stream().filter(v -> v > P90_STANDARD_S).count();
      over += (long) toCome / recentN * recentOver; // toCome is a multiple of recentN
      assertThat(LikelyBreach.p90Index(d)).isCloseTo((double) over / n / 0.1, within(1e-9));
    }
  }

  @Test
  void withoutALastHourTheRestGoesAsTheDaySoFar() {
    DayState d = new DayState(100, 20, 100 * 1500.0, 0, 0, 0, 0, Double.NaN, Double.NaN, 100, 300);
    // 200 calls, 40 over: a share of 0.2, twice the failing 0.1; mean 1500 throughout.
    assertThat(LikelyBreach.p90Index(d)).isCloseTo(2.0, within(1e-9));
    assertThat(LikelyBreach.meanIndex(d, MEAN_STANDARD_S))
        .isCloseTo(1500 / MEAN_STANDARD_S, within(1e-9));
  }

  @Test
  void anEmptyDayIsNotAtRisk() {
    DayState d = new DayState(0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0);
    assertThat(LikelyBreach.p90Index(d)).isZero();
    assertThat(LikelyBreach.meanIndex(d, MEAN_STANDARD_S)).isZero();
    assertThat(CertainBreach.meanIndex(d, MEAN_STANDARD_S)).isZero();
  }

  private static List<Double> times(Random random, int n) {
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      t.add(Math.floor(random.nextDouble() * 2 * P90_STANDARD_S) + 0.5);
    }
    return t;
  }
}
