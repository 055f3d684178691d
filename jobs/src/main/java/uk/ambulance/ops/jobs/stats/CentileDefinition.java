package uk.ambulance.ops.jobs.stats;

/**
 * How a centile is read off a sorted sample. The national statistics do not publish their formula,
 * so both common definitions are offered and every output names the one used.
 */
public enum CentileDefinition {
  /**
   * Linear interpolation between the closest ranks, as spreadsheet PERCENTILE.INC: rank h = (n-1)p
   * (0-based), value = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
   */
  LINEAR("linear"),
  /** Nearest rank: the smallest value with at least p of the sample at or below it, x[ceil(pn)]. */
  NEAREST_RANK("nearest-rank");

  private final String label;

  CentileDefinition(String label) {
    this.label = label;
  }

  /** The name written next to every centile in the output. */
  public String label() {
    return label;
  }

  public static CentileDefinition fromLabel(String text) {
    for (CentileDefinition d : values()) {
      if (d.label.equals(text)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "centile definition must be 'linear' or 'nearest-rank', got '" + text + "'");
  }

  /**
   * The lowest index (0-based, in ascending order) that the p-th centile of {@code count} values
   * reads: the centile is at least the value there.
   */
  public int lowerIndex(int count, double p) {
    if (this == NEAREST_RANK) {
      return Math.max((int) Math.ceil(p * count), 1) - 1;
    }
    return (int) Math.floor((count - 1) * p);
  }

  /**
   * How many of {@code count} values must lie above a level for the p-th centile to lie above it,
   * whatever the values: enough to fill the sample from {@link #lowerIndex} up. Never falls as
   * {@code count} grows, so the number for the largest sample a day can reach is safe for all
   * smaller ones.
   */
  public int aboveNeeded(int count, double p) {
    return count - lowerIndex(count, p);
  }

  /**
   * The p-th centile (0 &lt; p &le; 1) of {@code sorted}, which must be in ascending order and not
   * empty. Exact: no sketch, no sampling.
   */
  public double of(long[] sorted, int count, double p) {
    if (count <= 0) {
      throw new IllegalArgumentException("no values");
    }
    int lower = lowerIndex(count, p);
    if (this == NEAREST_RANK) {
      return sorted[lower];
    }
    double h = (count - 1) * p;
    int upper = Math.min(lower + 1, count - 1);
    return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
  }
}
