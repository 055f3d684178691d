package uk.ambulance.ops.jobs.alerts;

import org.apache.flink.api.common.functions.MapFunction;
import uk.ambulance.ops.events.Metrics.Alerts;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/** An alert transition as an {@code alerts} point for the boards. */
public final class AlertPoints implements MapFunction<Alert, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  @Override
  public InfluxPoint map(Alert alert) {
    boolean firing = alert.state() == Alert.State.FIRING;
    return InfluxPoint.builder(Alerts.MEASUREMENT, alert.time().toEpochMilli())
        .tag(Alerts.TAG_RULE, alert.rule())
        .tag(Alerts.TAG_SEVERITY, alert.severity())
        .tag(Alerts.TAG_ALERT, alert.alertKey())
        .field(Alerts.STATE, alert.state().name())
        .field(Alerts.FIRING, firing ? 1L : 0L)
        .field(Alerts.VALUE, alert.value())
        .field(Alerts.THRESHOLD, alert.threshold())
        .field(Alerts.SCOPE, alert.scope())
        .field(Alerts.MESSAGE, alert.message())
        .build();
  }
}
