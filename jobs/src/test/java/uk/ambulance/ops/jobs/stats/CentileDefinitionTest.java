package uk.ambulance.ops.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CentileDefinitionTest {

  @Test
  void linearInterpolatesBetweenClosestRanksLikePercentileInc() {
    // PERCENTILE.INC({1..10}, 0.9) = 9.1 (rank 0.9 * 9 = 8.1, 0-based).
    long[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(CentileDefinition.LINEAR.of(v, 10, 0.9)).isCloseTo(9.1, within(1e-9));
    // PERCENTILE.INC({15, 20, 35, 40, 50}, 0.9) = 46 (rank 3.6).
    assertThat(CentileDefinition.LINEAR.of(new long[] {15, 20, 35, 40, 50}, 5, 0.9))
        .isCloseTo(46.0, within(1e-9));
  }

  @Test
  void nearestRankTakesTheValueAtCeilingOfPN() {
    long[] v = {15, 20, 35, 40, 50};
    assertThat(CentileDefinition.NEAREST_RANK.of(v, 5, 0.9)).isEqualTo(50.0); // ceil(4.5) = 5th
    long[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(CentileDefinition.NEAREST_RANK.of(ten, 10, 0.9)).isEqualTo(9.0); // 9th exactly
  }

  @Test
  void aSingleValueIsItsOwnCentileUnderBothDefinitions() {
    assertThat(CentileDefinition.LINEAR.of(new long[] {42}, 1, 0.9)).isEqualTo(42.0);
    assertThat(CentileDefinition.NEAREST_RANK.of(new long[] {42}, 1, 0.9)).isEqualTo(42.0);
  }

  @Test
  void bothDefinitionsAgreeWithABruteForceReading() {
    Random random = new Random(7);
    for (int size = 1; size < 300; size++) {
      final int n = size;
      long[] v = random.longs(n, 0, 100_000).sorted().toArray();
      // Nearest rank, by definition: the smallest x with at least 90% of values <= x.
      long brute =
          Arrays.stream(v)
              .filter(x -> Arrays.stream(v).filter(y -> y <= x).count() * 10 >= 9L * n)
              .min()
              .orElseThrow();
      assertThat(CentileDefinition.NEAREST_RANK.of(v, n, 0.9)).isEqualTo((double) brute);
      double linear = CentileDefinition.LINEAR.of(v, n, 0.9);
      assertThat(linear)
          .isBetween(
              (double) v[(int) Math.floor(0.9 * (n - 1))],
              (double) v[(int) Math.ceil(0.9 * (n - 1))]);
    }
  }
}
