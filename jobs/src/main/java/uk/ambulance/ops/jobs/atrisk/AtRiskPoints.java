package uk.ambulance.ops.jobs.atrisk;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.Metrics.StandardAtRisk;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;

/** A category's day as {@code standard_at_risk} points: one for the mean, one for the p90. */
public final class AtRiskPoints {
  private AtRiskPoints() {}

  public static List<InfluxPoint> of(
      long t, String area, ReportingCategory category, DayState d, CentileDefinition centile) {
    double meanStandard = category.targetMeanSeconds().getAsDouble();
    List<InfluxPoint> points = new ArrayList<>(2);
    points.add(
        point(t, area, category, StandardAtRisk.Metric.MEAN.tag(), d)
            .field(StandardAtRisk.CERTAIN, CertainBreach.meanIndex(d, meanStandard))
            .field(StandardAtRisk.LIKELY, LikelyBreach.meanIndex(d, meanStandard))
            .build());
    points.add(
        point(t, area, category, StandardAtRisk.Metric.P90.tag(), d)
            .field(StandardAtRisk.CERTAIN, CertainBreach.p90Index(d, centile))
            .field(StandardAtRisk.LIKELY, LikelyBreach.p90Index(d))
            .build());
    return points;
  }

  private static InfluxPoint.Builder point(
      long t, String area, ReportingCategory category, String metric, DayState d) {
    return InfluxPoint.builder(StandardAtRisk.MEASUREMENT, t)
        .tag(StandardAtRisk.TAG_CATEGORY, category.name())
        .tag(StandardAtRisk.TAG_AREA, area)
        .tag(StandardAtRisk.TAG_METRIC, metric)
        .field(StandardAtRisk.CALLS_TO_COME, d.callsToCome())
        .field(StandardAtRisk.CALLS_TO_COME_MAX, d.callsToComeMax());
  }
}
