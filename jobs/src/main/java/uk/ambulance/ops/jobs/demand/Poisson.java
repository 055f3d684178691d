package uk.ambulance.ops.jobs.demand;

/** How unlikely a count is under a Poisson model. */
public final class Poisson {
  private Poisson() {}

  /** P(X &ge; k) for X ~ Poisson(mean). */
  public static double atLeast(long k, double mean) {
    if (k <= 0) {
      return 1;
    }
    if (mean <= 0) {
      return 0;
    }
    // log of P(X = k), then the tail as a sum of terms that shrink once j passes the mean.
    double logTerm = -mean + k * Math.log(mean) - logFactorial(k);
    if (k > mean) {
      double term = 1;
      double sum = 0;
      for (long j = k; term > 1e-17 * sum && j < k + 10_000; j++) {
        sum += term;
        term *= mean / (j + 1);
      }
      return Math.min(1, Math.exp(logTerm) * sum);
    }
    // Not in the tail: the complement is small and exact enough.
    double below = 0;
    double term = Math.exp(-mean);
    for (long j = 0; j < k; j++) {
      below += term;
      term *= mean / (j + 1);
    }
    return Math.max(0, 1 - below);
  }

  /** -log10 P(X &ge; k): 6 means a one-in-a-million count. */
  public static double score(long k, double mean) {
    double p = atLeast(k, mean);
    return p <= 0 ? 300 : -Math.log10(p);
  }

  /** Past this, log n! is summed on from the table's end rather than kept (8 MB of table). */
  private static final int TABLE_LIMIT = 1 << 20;

  /**
   * log n! for n below the length, each the sum of log 2 .. log n in that order. The day's calls to
   * come put n in the thousands, and a bound is searched for every point that feeds it, so the sum
   * is kept rather than redone; copied when grown, so a reader always sees a whole table.
   */
  private static volatile double[] logFactorials = {0, 0};

  static double logFactorial(long n) {
    double[] table = logFactorials;
    if (n < table.length) {
      return table[(int) n];
    }
    if (n < TABLE_LIMIT) {
      return grownTo(n)[(int) n];
    }
    double sum = grownTo(TABLE_LIMIT - 1)[TABLE_LIMIT - 1];
    for (long i = TABLE_LIMIT; i <= n; i++) {
      sum += Math.log(i);
    }
    return sum;
  }

  private static synchronized double[] grownTo(long n) {
    double[] table = logFactorials;
    if (n < table.length) {
      return table;
    }
    int size = (int) Math.min(TABLE_LIMIT, Math.max(n + 1, 2L * table.length));
    double[] grown = java.util.Arrays.copyOf(table, size);
    for (int i = table.length; i < size; i++) {
      grown[i] = grown[i - 1] + Math.log(i);
    }
    logFactorials = grown;
    return grown;
  }
}
