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

  private static double logFactorial(long n) {
    double sum = 0;
    for (long i = 2; i <= n; i++) {
      sum += Math.log(i);
    }
    return sum;
  }
}
