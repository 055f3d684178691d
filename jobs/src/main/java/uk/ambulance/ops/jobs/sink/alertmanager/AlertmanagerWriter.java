package uk.ambulance.ops.jobs.sink.alertmanager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.jobs.sink.influx.RetryBackoff;

/**
 * Keeps the alerts that are firing and those resolved but not yet delivered, and lets one sender
 * thread tell Alertmanager: at once when something changed, and every resend interval anyway (the
 * firing ones with a lease of four intervals, as Prometheus does, and the heartbeat). {@link
 * #write} only updates the two maps, so a slow or absent Alertmanager never holds the analytics
 * back. Failed posts are retried with exponential backoff; an answer that will never change (a 4xx
 * other than 408/429) is logged and the resolved alerts in it dropped. Both maps are checkpointed:
 * after a restart the same alerts are re-sent with the same labels and start, which Alertmanager
 * takes as the same alerts, not new ones. Alerts re-lived from a backlog wait in a {@link
 * BacklogHold} until the job has caught up, so that a problem that has already ended pages nobody.
 */
final class AlertmanagerWriter implements StatefulSinkWriter<Alert, Delivery> {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerWriter.class);

  /** Prometheus's lease: four resend intervals "to allow for two failed sends". */
  static final int LEASE_INTERVALS = 4;

  private final Object lock = new Object();
  private final Map<String, Delivery> firing = new LinkedHashMap<>();
  private final Map<String, Delivery> resolving = new LinkedHashMap<>();
  private final AlertmanagerClient client;
  private final AlertmanagerPayload payload;
  private final long resendMs;
  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private final long startedMs = System.currentTimeMillis();
  private final BacklogHold backlog;
  private final Thread sender;
  private boolean changed = true; // the first post announces the heartbeat
  private boolean closed;

  AlertmanagerWriter(
      AlertmanagerClient client,
      AlertmanagerPayload payload,
      Duration resend,
      Collection<Delivery> restored,
      BacklogHold backlog) {
    this.backlog = backlog;
    this.client = client;
    this.payload = payload;
    this.resendMs = resend.toMillis();
    for (Delivery d : restored) {
      (d.alert().state() == Alert.State.FIRING ? firing : resolving).put(d.alert().alertKey(), d);
    }
    sender = new Thread(this::sendLoop, "alertmanager-sender");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public void write(Alert alert, Context context) {
    String key = alert.alertKey();
    synchronized (lock) {
      long now = System.currentTimeMillis();
      if (alert.state() == Alert.State.FIRING) {
        Delivery already = firing.get(key);
        if (already == null) {
          backlog.started(key, alert.time().toEpochMilli(), now);
        }
        // A transition replayed after a restart keeps the start Alertmanager already knows.
        long starts = already != null ? already.startsAtMs() : alert.time().toEpochMilli();
        firing.put(key, new Delivery(alert, starts));
        resolving.remove(key);
      } else if (backlog.dropResolved(key)) {
        firing.remove(key); // raised and cleared in the backlog: nobody was told, nobody need be
      } else {
        Delivery fired = firing.remove(key);
        long starts = fired != null ? fired.startsAtMs() : alert.time().toEpochMilli();
        resolving.put(key, new Delivery(alert, starts));
      }
      changed = true;
      lock.notifyAll();
    }
  }

  @Override
  public void writeWatermark(org.apache.flink.api.common.eventtime.Watermark watermark) {
    synchronized (lock) {
      backlog.watermark(watermark.getTimestamp());
      if (backlog.holding() && backlog.caughtUp(System.currentTimeMillis())) {
        changed = true; // the held alerts that still fire may be told now
        lock.notifyAll();
      }
    }
  }

  @Override
  public void flush(boolean endOfInput) {
    // Delivery is the sender's business; waiting for Alertmanager here would stall checkpoints.
  }

  @Override
  public List<Delivery> snapshotState(long checkpointId) {
    synchronized (lock) {
      // Held alerts too: after a restart they are re-sent at once, as a restored writer does.
      List<Delivery> state = new ArrayList<>(firing.values());
      state.addAll(resolving.values());
      return state;
    }
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    sender.interrupt();
    sender.join(5_000);
    List<Delivery> unresolved;
    List<Delivery> stillFiring;
    synchronized (lock) {
      unresolved = new ArrayList<>(resolving.values());
      stillFiring = new ArrayList<>(firing.values());
    }
    if (!unresolved.isEmpty()) {
      // Last chance for resolves the job produced just before it ended.
      send(stillFiring, unresolved);
    }
  }

  private void sendLoop() {
    long nextResend = 0;
    long retryAt = 0;
    try {
      while (true) {
        List<Delivery> firingNow;
        List<Delivery> resolvingNow;
        synchronized (lock) {
          while (!closed) {
            long now = System.currentTimeMillis();
            long due =
                Math.max(changed ? now : Math.min(nextResend, backlog.nextRelease()), retryAt);
            if (now >= due) {
              break;
            }
            lock.wait(due - now);
          }
          if (closed) {
            return;
          }
          changed = false;
          long now = System.currentTimeMillis();
          firingNow =
              firing.values().stream()
                  .filter(d -> backlog.deliverable(d.alert().alertKey(), now))
                  .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
          resolvingNow = new ArrayList<>(resolving.values());
        }
        AlertmanagerClient.Result result = send(firingNow, resolvingNow);
        long now = System.currentTimeMillis();
        if (result == AlertmanagerClient.Result.RETRY) {
          Duration delay = backoff.nextDelay();
          retryAt = now + delay.toMillis();
          nextResend = retryAt;
          if (backoff.consecutiveFailures() == 1 || delay.equals(Duration.ofSeconds(30))) {
            LOG.warn(
                "Alertmanager at {} did not take {} alerts ({}); retrying in {} s",
                client.target(),
                firingNow.size() + resolvingNow.size() + 1,
                client.lastProblem(),
                delay.toSeconds());
          }
        } else {
          backoff.reset();
          retryAt = 0;
          nextResend = now + resendMs;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private AlertmanagerClient.Result send(List<Delivery> firingNow, List<Delivery> resolvingNow)
      throws InterruptedException {
    long now = System.currentTimeMillis();
    String body = payload.body(firingNow, resolvingNow, startedMs, now, LEASE_INTERVALS * resendMs);
    AlertmanagerClient.Result result = client.post(body);
    if (result == AlertmanagerClient.Result.REFUSED) {
      LOG.error(
          "Alertmanager at {} refused {} alerts ({}); the resolved ones among them are dropped",
          client.target(),
          firingNow.size() + resolvingNow.size() + 1,
          client.lastProblem());
    }
    if (result != AlertmanagerClient.Result.RETRY) {
      synchronized (lock) {
        for (Delivery d : resolvingNow) {
          resolving.remove(d.alert().alertKey(), d);
        }
      }
    }
    return result;
  }
}
