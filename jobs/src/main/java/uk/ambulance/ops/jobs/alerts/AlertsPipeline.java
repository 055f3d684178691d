package uk.ambulance.ops.jobs.alerts;

import org.apache.flink.streaming.api.datastream.DataStream;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.points.PointStreams;

/**
 * The alerts feature: the rules read the job's own points, in event time, and each alert identity
 * (rule and scope) fires once and resolves once.
 *
 * <pre>
 * points ─ rules (which values each rule reads) ─ by rule+scope ─ alert state ─▶ transitions
 * </pre>
 */
public final class AlertsPipeline {
  private AlertsPipeline() {}

  public static DataStream<Alert> define(
      PointStreams points, AlertSettings settings, boolean replay) {
    RuleMatcher matcher = new RuleMatcher(settings.rules(), replay);
    return points
        .each(p -> p.flatMap(matcher).name("alert rules"))
        .keyBy(Observation::alertKey)
        .process(new AlertStateFunction(settings.rules()))
        .name("alert state")
        .uid("alert-state");
  }

  /** The transitions as {@code alerts} points for the boards. */
  public static DataStream<InfluxPoint> points(DataStream<Alert> alerts) {
    return alerts.map(new AlertPoints()).name("alert points").uid("alert-points");
  }
}
