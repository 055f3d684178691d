package uk.ambulance.ops.events.model;

import java.util.OptionalDouble;

/**
 * The categories response times are reported in, with the national standards. C1T is the subset of
 * C1 incidents whose patient was conveyed, timed to the first transport-capable arrival.
 */
public enum ReportingCategory {
  C1(420, 900),
  C1T(Double.NaN, Double.NaN),
  C2(1080, 2400),
  C3(Double.NaN, 7200),
  C4(Double.NaN, 10800);

  private final double targetMeanSeconds;
  private final double targetP90Seconds;

  ReportingCategory(double targetMeanSeconds, double targetP90Seconds) {
    this.targetMeanSeconds = targetMeanSeconds;
    this.targetP90Seconds = targetP90Seconds;
  }

  /** The national standard for the mean, where one exists (C1 7 min, C2 18 min). */
  public OptionalDouble targetMeanSeconds() {
    return Double.isNaN(targetMeanSeconds)
        ? OptionalDouble.empty()
        : OptionalDouble.of(targetMeanSeconds);
  }

  /** The national standard for the 90th centile, where one exists. */
  public OptionalDouble targetP90Seconds() {
    return Double.isNaN(targetP90Seconds)
        ? OptionalDouble.empty()
        : OptionalDouble.of(targetP90Seconds);
  }

  public static ReportingCategory of(Category category) {
    return valueOf(category.name());
  }
}
