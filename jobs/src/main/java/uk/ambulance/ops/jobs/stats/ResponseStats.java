package uk.ambulance.ops.jobs.stats;

import java.util.Arrays;

/** Count, mean and exact 90th centile of a set of response times, in milliseconds. */
public record ResponseStats(int count, double meanMs, double p90Ms, int provisional) {

  public static final ResponseStats EMPTY = new ResponseStats(0, Double.NaN, Double.NaN, 0);

  /** {@code values} is sorted in place; only the first {@code count} are read. */
  public static ResponseStats of(
      long[] values, int count, int provisional, CentileDefinition definition) {
    if (count == 0) {
      return EMPTY;
    }
    Arrays.sort(values, 0, count);
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    return new ResponseStats(
        count, (double) sum / count, definition.of(values, count, 0.9), provisional);
  }
}
