package uk.ambulance.ops.generators.truth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.ReportingCategory;

/**
 * AmbSYS-style figures from ground truth: incidents, mean and 90th centile (linear interpolation
 * between closest ranks, as spreadsheet PERCENTILE.INC) of whole-second response times per
 * reporting category, and the hear-and-treat share of incidents (duplicate calls are not
 * incidents).
 */
public record ResponseStats(
    Map<ReportingCategory, Figures> byCategory, long incidents, long hearAndTreat) {

  /** One row of the table. */
  public record Figures(long count, double meanSeconds, double p90Seconds) {}

  public double hearAndTreatShare() {
    return incidents == 0 ? 0 : (double) hearAndTreat / incidents;
  }

  public static ResponseStats of(List<GroundTruth> truths) {
    Map<ReportingCategory, List<Long>> seconds = new EnumMap<>(ReportingCategory.class);
    for (ReportingCategory rc : ReportingCategory.values()) {
      seconds.put(rc, new ArrayList<>());
    }
    long incidents = 0;
    long hearAndTreat = 0;
    for (GroundTruth t : truths) {
      if (t.outcome() != Outcome.DUPLICATE) {
        incidents++;
      }
      if (t.outcome() == Outcome.HEAR_AND_TREAT) {
        hearAndTreat++;
      }
      if (!t.counted()) {
        continue;
      }
      seconds.get(ReportingCategory.of(t.countingCategory())).add(t.responseTimeS());
      if (t.countingCategory() == Category.C1 && Boolean.TRUE.equals(t.c1t())) {
        seconds.get(ReportingCategory.C1T).add(t.c1tResponseTimeS());
      }
    }
    Map<ReportingCategory, Figures> figures = new EnumMap<>(ReportingCategory.class);
    seconds.forEach((rc, values) -> figures.put(rc, figures(values)));
    return new ResponseStats(figures, incidents, hearAndTreat);
  }

  private static Figures figures(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Figures(0, Double.NaN, Double.NaN);
    }
    double mean = Arrays.stream(sorted).sum() / (double) sorted.length;
    return new Figures(sorted.length, mean, percentileInc(sorted, 0.9));
  }

  /** PERCENTILE.INC: rank p(n-1), interpolated linearly between the neighbouring values. */
  public static double percentileInc(long[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int lower = (int) Math.floor(rank);
    int upper = Math.min(sorted.length - 1, lower + 1);
    return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
  }

  /** A printable table, with shares of face-to-face incidents per category. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    long responded = 0;
    for (Category c : Category.values()) {
      responded += byCategory.get(ReportingCategory.of(c)).count();
    }
    sb.append(String.format("%-5s %8s %7s %9s %9s%n", "", "count", "share", "mean s", "p90 s"));
    for (ReportingCategory rc : ReportingCategory.values()) {
      Figures f = byCategory.get(rc);
      sb.append(
          String.format(
              "%-5s %8d %6.1f%% %9.0f %9.0f%n",
              rc,
              f.count(),
              100.0 * f.count() / Math.max(1, responded),
              f.meanSeconds(),
              f.p90Seconds()));
    }
    sb.append(
        String.format(
            "incidents %d, face-to-face %.1f%%, hear and treat %.1f%%%n",
            incidents, 100.0 * responded / Math.max(1, incidents), 100 * hearAndTreatShare()));
    return sb.toString();
  }

  public Map<ReportingCategory, Figures> figures() {
    return new EnumMap<>(byCategory);
  }
}
