package uk.ambulance.ops.jobs.atrisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The bound on calls still to come against a Poisson tail summed here term by term. */
class CallsToComeTest {

  @Test
  void theBoundIsTheLeastCountPassedNoMoreOftenThanTheTail() {
    for (double mean : new double[] {0.3, 1, 7.5, 42, 180, 1200, 3500}) {
      for (double tail : new double[] {1e-3, 1e-6}) {
        long k = CallsToCome.upperTail(mean, tail);
        assertThat(above(k, mean)).as("mean %s", mean).isLessThanOrEqualTo(tail);
        assertThat(above(k - 1, mean)).as("mean %s", mean).isGreaterThan(tail);
      }
    }
  }

  @Test
  void scalesTheBaselineByTheCategorysShareAndTheAllowance() {
    CallsToCome c = CallsToCome.of(1000, 0.6, 2, 1e-6);
    assertThat(c.expected()).isCloseTo(600, within(1e-9));
    assertThat(c.max()).isEqualTo(CallsToCome.upperTail(1200, 1e-6));
    assertThat(c.max()).isGreaterThan(1200);
    // At midnight nothing more can come.
    assertThat(CallsToCome.of(0, 0.6, 2, 1e-6).max()).isZero();
  }

  /** P(X &gt; k), X ~ Poisson(mean): the terms above k in log space, added up. */
  private static double above(long k, double mean) {
    if (k < 0) {
      return 1;
    }
    double logTerm = -mean; // log P(X = 0)
    for (long j = 1; j <= k + 1; j++) {
      logTerm += Math.log(mean) - Math.log(j);
    }
    double sum = 0;
    for (long j = k + 1; j < k + 100_000; j++) {
      double term = Math.exp(logTerm);
      sum += term;
      if (term < 1e-30 && j > mean) {
        break;
      }
      logTerm += Math.log(mean) - Math.log(j + 1);
    }
    return sum;
  }
}
