package uk.ambulance.ops.jobs.response;

import uk.ambulance.ops.events.Metrics.ResponseTimes;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.stats.ResponseStats;
import uk.ambulance.ops.jobs.stats.SortedSample;

/** Turns window statistics into {@code response_times} points of the metrics contract. */
final class ResponseTimePoints {
  private ResponseTimePoints() {}

  /** {@code key} is a window key, category and area: {@code C2|NW}. */
  static InfluxPoint point(
      String key, String window, long timeMs, SortedSample sample, CentileDefinition definition) {
    ResponseStats stats = sample.stats(definition);
    int separator = key.indexOf('|');
    ReportingCategory category = ReportingCategory.valueOf(key.substring(0, separator));
    String area = key.substring(separator + 1);
    InfluxPoint.Builder b =
        InfluxPoint.builder(ResponseTimes.MEASUREMENT, timeMs)
            .tag(ResponseTimes.TAG_CATEGORY, category.name())
            .tag(ResponseTimes.TAG_AREA, area)
            .tag(ResponseTimes.TAG_WINDOW, window)
            .field(ResponseTimes.INCIDENTS, (long) stats.count())
            .field(ResponseTimes.PROVISIONAL, (long) stats.provisional());
    if (stats.count() > 0) {
      b.field(ResponseTimes.MEAN_S, stats.meanMs() / 1000.0)
          .field(ResponseTimes.P90_S, stats.p90Ms() / 1000.0)
          .field(ResponseTimes.P90_DEFINITION, definition.label());
    }
    category.targetMeanSeconds().ifPresent(t -> b.field(ResponseTimes.TARGET_MEAN_S, t));
    category.targetP90Seconds().ifPresent(t -> b.field(ResponseTimes.TARGET_P90_S, t));
    // The count over the standard, which the day's at-risk bound needs (a centile cannot say it).
    category
        .targetP90Seconds()
        .ifPresent(
            t ->
                b.field(
                    ResponseTimes.OVER_P90_STANDARD,
                    (long) sample.countAbove(Math.round(t * 1000))));
    return b.build();
  }
}
