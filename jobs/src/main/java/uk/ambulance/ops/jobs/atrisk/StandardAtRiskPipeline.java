package uk.ambulance.ops.jobs.atrisk;

import org.apache.flink.streaming.api.datastream.DataStream;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.points.PointStreams;
import uk.ambulance.ops.jobs.stats.CentileDefinition;

/**
 * Whether the day's response standards are at risk, per area and London-wide, from the job's own
 * points; the alert rules raise the warnings from what it writes.
 *
 * <pre>
 * response times (today, 1h), calls waiting, demand ─ by area ─ latest of each ─▶ standard_at_risk
 * </pre>
 */
public final class StandardAtRiskPipeline {
  private StandardAtRiskPipeline() {}

  public static DataStream<InfluxPoint> define(
      PointStreams points, AtRiskSettings settings, CentileDefinition centile) {
    return points
        .each(p -> p.filter(point -> AtRiskReadings.slot(point) != null).name("at-risk inputs"))
        .keyBy(p -> p.tags().getOrDefault(Metrics.StandardAtRisk.TAG_AREA, Metrics.AREA_ALL))
        .process(new StandardAtRiskFunction(settings, centile))
        .name("standard at risk")
        .uid("standard-at-risk");
  }
}
