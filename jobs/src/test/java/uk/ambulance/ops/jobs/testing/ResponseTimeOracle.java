package uk.ambulance.ops.jobs.testing;

import java.util.Arrays;
import java.util.List;

/**
 * An independent reading of the expected figures for one window: written plainly here, not shared
 * with the job's code, so that a mistake in one is caught by the other.
 */
public final class ResponseTimeOracle {
  private ResponseTimeOracle() {}

  public record Figures(int count, double meanSeconds, double p90Seconds) {}

  /** Incidents with clock stop in (end - windowMs, end]; p90 as spreadsheet PERCENTILE.INC. */
  public static Figures window(List<CraftedIncidents.Expected> all, long end, long windowMs) {
    double[] seconds =
        all.stream()
            .filter(e -> e.clockStopMs() > end - windowMs && e.clockStopMs() <= end)
            .mapToDouble(e -> e.responseMs() / 1000.0)
            .sorted()
            .toArray();
    if (seconds.length == 0) {
      return new Figures(0, Double.NaN, Double.NaN);
    }
    double mean = Arrays.stream(seconds).sum() / seconds.length;
    double p90 = PercentileInc.of(seconds, 0.9);
    return new Figures(seconds.length, mean, p90);
  }
}
