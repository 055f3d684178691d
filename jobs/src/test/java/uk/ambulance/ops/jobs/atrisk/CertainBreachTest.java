package uk.ambulance.ops.jobs.atrisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.stats.CentileDefinition;

/**
 * The certain bound never says "lost" for a day that can still end within the standard: random days
 * are completed in every way the bound allows, the worst for it included (waiting calls reached at
 * once, the most calls still to come, each answered at once), and the completed day's figures, read
 * by this test's own PERCENTILE.INC and nearest rank, must fail whenever the bound said so.
 */
class CertainBreachTest {
  private static final double P90_STANDARD_S = 2400;
  private static final double MEAN_STANDARD_S = 1080;

  @Test
  void aboveNeededIsTheLeastCountThatPutsTheWorstSampleAboveTheLevel() {
    long level = 1_000_000_000L;
    for (CentileDefinition definition : CentileDefinition.values()) {
      for (int n = 1; n <= 400; n++) {
        int least = -1;
        for (int k = 0; k <= n && least < 0; k++) {
          // The worst sample with k values above the level: the rest as far below as can be.
          long[] worst = new long[n];
          Arrays.fill(worst, n - k, n, level + 1);
          if (centile(definition, worst) > level) {
            least = k;
          }
        }
        assertThat(definition.aboveNeeded(n, 0.9)).as("%s n=%d", definition, n).isEqualTo(least);
        if (n > 1) {
          assertThat(definition.aboveNeeded(n, 0.9))
              .isGreaterThanOrEqualTo(definition.aboveNeeded(n - 1, 0.9));
        }
      }
    }
  }

  @Test
  void neverSaysLostForADayThatCanStillMeetTheStandard() {
    Random random = new Random(11);
    int lostSaid = 0;
    int p90Lost = 0;
    for (int day = 0; day < 4000; day++) {
      Day d = Day.random(random);
      for (CentileDefinition definition : CentileDefinition.values()) {
        boolean p90Certain = CertainBreach.p90Index(d.state(), definition) >= 1;
        boolean meanCertain = CertainBreach.meanIndex(d.state(), MEAN_STANDARD_S) >= 1;
        lostSaid += p90Certain || meanCertain ? 1 : 0;
        p90Lost += p90Certain ? 1 : 0;
        for (int completion = 0; completion < 6; completion++) {
          long[] whole = d.complete(random, completion == 0);
          if (p90Certain) {
            assertThat(centile(definition, whole) / 1000.0)
                .as("day %d, %s, completion %d", day, definition, completion)
                .isGreaterThan(P90_STANDARD_S);
          }
          if (meanCertain) {
            assertThat(Arrays.stream(whole).average().orElseThrow() / 1000.0)
                .as("day %d, completion %d", day, completion)
                .isGreaterThan(MEAN_STANDARD_S);
          }
        }
      }
    }
    // The property is not vacuous: the random days include many the bound calls lost.
    assertThat(p90Lost).isGreaterThan(200);
    assertThat(lostSaid).isGreaterThan(400);
  }

  @Test
  void atTheDaysEndTheBoundIsTheDaysFigure() {
    Random random = new Random(5);
    for (int day = 0; day < 2000; day++) {
      int n = 1 + random.nextInt(200);
      long[] measured = new long[n];
      for (int i = 0; i < n; i++) {
        measured[i] = (long) (random.nextDouble() * 2 * P90_STANDARD_S * 1000);
      }
      DayState done =
          new DayState(
              n,
              Arrays.stream(measured).filter(v -> v > P90_STANDARD_S * 1000).count(),
              Arrays.stream(measured).sum() / 1000.0,
              0,
              0,
              0,
              0,
              Double.NaN,
              Double.NaN,
              0,
              0);
      double mean = Arrays.stream(measured).average().orElseThrow() / 1000;
      assertThat(CertainBreach.meanIndex(done, MEAN_STANDARD_S) >= 1)
          .isEqualTo(mean > MEAN_STANDARD_S);
      // Nearest rank reads one value: the bound is exact.
      assertThat(CertainBreach.p90Index(done, CentileDefinition.NEAREST_RANK) >= 1)
          .isEqualTo(centile(CentileDefinition.NEAREST_RANK, measured) > P90_STANDARD_S * 1000);
    }
  }

  /** A day part-way: measured response times, calls waiting and the most calls still to come. */
  private record Day(long[] measured, long[] waitedSoFar, long toComeMax) {
    static Day random(Random random) {
      double strain = random.nextDouble() * 2; // from a good day to a terrible one
      long[] measured = new long[random.nextInt(120)];
      for (int i = 0; i < measured.length; i++) {
        measured[i] = responseMs(random, strain);
      }
      long[] waiting = new long[random.nextInt(40)];
      for (int i = 0; i < waiting.length; i++) {
        waiting[i] = responseMs(random, strain);
      }
      return new Day(measured, waiting, random.nextInt(30));
    }

    private static long responseMs(Random random, double strain) {
      return (long) (-Math.log(1 - random.nextDouble()) * strain * 1_800_000);
    }

    DayState state() {
      long standardMs = (long) (P90_STANDARD_S * 1000);
      return new DayState(
          measured.length,
          Arrays.stream(measured).filter(v -> v > standardMs).count(),
          Arrays.stream(measured).sum() / 1000.0,
          waitedSoFar.length,
          Arrays.stream(waitedSoFar).filter(v -> v > standardMs).count(),
          Arrays.stream(waitedSoFar).filter(v -> 2 * v > standardMs).count(),
          Arrays.stream(waitedSoFar).sum() / 1000.0,
          Double.NaN,
          Double.NaN,
          toComeMax / 2.0,
          toComeMax);
    }

    /**
     * The whole day: each waiting call ends at its wait so far or later, or after midnight (then
     * today does not count it), and up to {@code toComeMax} more calls come; {@code kindest}: the
     * calls past the standard wait until tomorrow, the others are reached at once, and all the
     * calls still to come come, each answered at once.
     */
    long[] complete(Random random, boolean kindest) {
      List<Long> all = new ArrayList<>();
      Arrays.stream(measured).forEach(all::add);
      for (long w : waitedSoFar) {
        if (kindest) {
          if (w <= P90_STANDARD_S * 1000) {
            all.add(w);
          }
        } else if (random.nextInt(4) > 0) {
          all.add(w + (long) (random.nextDouble() * 3_600_000));
        }
      }
      long more = kindest ? toComeMax : random.nextLong(toComeMax + 1);
      for (long i = 0; i < more; i++) {
        all.add(kindest ? 0 : (long) (random.nextDouble() * 5_400_000));
      }
      return all.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** The test's own 90th centile: PERCENTILE.INC, or the nearest rank. */
  private static double centile(CentileDefinition definition, long[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    if (definition == CentileDefinition.NEAREST_RANK) {
      int rank = (int) Math.ceil(0.9 * sorted.length);
      return sorted[Math.max(rank, 1) - 1];
    }
    double rank = 0.9 * (sorted.length - 1);
    int below = (int) rank;
    return below + 1 < sorted.length
        ? sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below])
        : sorted[below];
  }
}
