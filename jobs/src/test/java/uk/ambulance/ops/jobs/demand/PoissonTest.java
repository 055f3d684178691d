package uk.ambulance.ops.jobs.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoissonTest {

  /** P(X &ge; k) as 1 - sum of P(X = j) for j &lt; k, in 60-digit decimals: no cancellation. */
  private static double plainTail(int k, double mean) {
    MathContext mc = new MathContext(60);
    BigDecimal m = new BigDecimal(mean);
    BigDecimal eMinus = new BigDecimal(Math.exp(-mean)); // the only double: exact to 1e-16 relative
    BigDecimal below = BigDecimal.ZERO;
    BigDecimal term = BigDecimal.ONE;
    for (int j = 0; j < k; j++) {
      below = below.add(term, mc);
      term = term.multiply(m, mc).divide(BigDecimal.valueOf(j + 1), mc);
    }
    // The tail directly, as a sum of the next 400 terms, for when it is tiny.
    BigDecimal tail = BigDecimal.ZERO;
    for (int j = k; j < k + 400; j++) {
      tail = tail.add(term, mc);
      term = term.multiply(m, mc).divide(BigDecimal.valueOf(j + 1), mc);
    }
    return tail.multiply(eMinus, mc).doubleValue();
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0.3",
    "1, 0.3",
    "2, 0.3",
    "5, 0.3",
    "12, 0.3",
    "3, 2.5",
    "2, 2.5",
    "1, 7",
    "6, 7",
    "20, 7",
    "40, 0.05",
    "8, 0.5",
    "30, 12",
    "250, 200"
  })
  void matchesThePlainSum(int k, double mean) {
    double expected = plainTail(k, mean);
    assertThat(Poisson.atLeast(k, mean)).isCloseTo(expected, within(expected * 1e-9 + 1e-15));
    assertThat(Poisson.score(k, mean)).isCloseTo(-Math.log10(expected), within(1e-6));
  }

  @Test
  void logFactorialsAreTheSumsOfLogsExactlyInAnyOrderOfAsking() {
    // Asked out of order, so the table grows in jumps; each must equal the plain in-order sum to
    // the last bit, so that a score is the same whatever was asked before it.
    long[] asked = {5_000, 3, 0, 1, 2, 70_000, 4_096, 4_095, 4_097, 131_071, 17};
    for (long n : asked) {
      double sum = 0;
      for (long i = 2; i <= n; i++) {
        sum += Math.log(i);
      }
      assertThat(Poisson.logFactorial(n)).as("log %d!", n).isEqualTo(sum);
    }
  }
}
