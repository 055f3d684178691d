package uk.ambulance.ops.jobs.testing;

/**
 * The tests' oracle for the 90th centile: a spreadsheet's PERCENTILE.INC, rank {@code p * (n - 1)}
 * counted from 0 and interpolated between its neighbours. Written plainly here, not shared with the
 * job's {@code CentileDefinition}, so that a mistake in one is caught by the other.
 */
public final class PercentileInc {
  private PercentileInc() {}

  /** PERCENTILE.INC of ascending values; at least one. */
  public static double of(long[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int below = (int) rank;
    return below + 1 < sorted.length
        ? sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below])
        : sorted[below];
  }

  /** PERCENTILE.INC of ascending values; at least one. */
  public static double of(double[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int below = (int) rank;
    return below + 1 < sorted.length
        ? sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below])
        : sorted[below];
  }
}
