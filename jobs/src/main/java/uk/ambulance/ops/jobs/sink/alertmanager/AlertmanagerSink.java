package uk.ambulance.ops.jobs.sink.alertmanager;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.alerts.AlertSettings;

/**
 * Delivers alert transitions to Prometheus Alertmanager ({@code POST /api/v2/alerts}). Run it with
 * parallelism 1: its one writer holds the set of firing alerts it re-sends, and the heartbeat.
 */
public final class AlertmanagerSink implements Sink<Alert>, SupportsWriterState<Alert, Delivery> {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final AlertmanagerPayload payload;
  private final Duration resend;
  private final Duration backlogHold;

  public AlertmanagerSink(AlertSettings settings, String jobName) {
    if (settings.alertmanagerUrl() == null) {
      throw new IllegalArgumentException("no Alertmanager URL");
    }
    this.url = settings.alertmanagerUrl();
    this.payload = new AlertmanagerPayload(settings.rules(), settings.dashboardUrl(), jobName);
    this.resend = settings.resendInterval();
    this.backlogHold = settings.backlogHold();
  }

  @Override
  public StatefulSinkWriter<Alert, Delivery> createWriter(WriterInitContext context)
      throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<Alert, Delivery> restoreWriter(
      WriterInitContext context, Collection<Delivery> state) {
    return new AlertmanagerWriter(
        new AlertmanagerClient(url),
        payload,
        resend,
        state,
        new BacklogHold(BacklogHold.STALE, backlogHold));
  }

  @Override
  public SimpleVersionedSerializer<Delivery> getWriterStateSerializer() {
    return new DeliveryStateSerializer();
  }
}
