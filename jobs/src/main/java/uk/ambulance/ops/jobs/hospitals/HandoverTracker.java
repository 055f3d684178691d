package uk.ambulance.ops.jobs.hospitals;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;

/**
 * Keyed by incident and vehicle: follows one crew's stay at an ED from {@code ARRIVED_HOSPITAL} to
 * {@code HANDOVER_COMPLETE} (or {@code RESOURCE_CLEAR} without a handover), in whatever order the
 * events come, and emits the stay's record whenever it changes (the retraction of the old one
 * first).
 *
 * <p>The earliest time of each step counts. State goes once the stay can no longer change: {@code
 * retention} after its end (for late events of the same stay), or {@code maxOpenAge} after the last
 * event of a stay that never ends, which is then retracted. A TTL of twice the longer of the two is
 * the safety net.
 */
public class HandoverTracker extends KeyedProcessFunction<String, IncidentEvent, HospitalSignal> {
  private static final long serialVersionUID = 1L;

  /** What is known of one stay; null fields are not known yet. */
  public record Stay(String hospitalId, Long arrivedMs, Long handoverMs, Long clearMs) {}

  private final long retentionMs;
  private final long maxOpenAgeMs;
  private transient ValueState<Stay> stay;
  private transient OneTimer cleanupAt;

  public HandoverTracker(Duration retention, Duration maxOpenAge) {
    this.retentionMs = retention.toMillis();
    this.maxOpenAgeMs = maxOpenAge.toMillis();
  }

  /** The key of a stay: the same vehicle may take patients of several incidents. */
  public static String stayKey(IncidentEvent e) {
    return e.incidentId() + "|" + e.vehicleId();
  }

  public static boolean isHospitalStep(IncidentEvent e) {
    return switch (e.type()) {
      case ARRIVED_HOSPITAL, HANDOVER_COMPLETE, RESOURCE_CLEAR -> true;
      default -> false;
    };
  }

  @Override
  public void open(OpenContext openContext) {
    KeyedStates states =
        KeyedStates.withSafetyNet(
            getRuntimeContext(), Duration.ofMillis(2 * Math.max(retentionMs, maxOpenAgeMs)));
    stay = states.value("stay", TypeInformation.of(Stay.class));
    cleanupAt = states.timer("cleanup-at");
  }

  @Override
  public void processElement(IncidentEvent e, Context ctx, Collector<HospitalSignal> out)
      throws Exception {
    Stay before = stay.value();
    Stay after = apply(before == null ? new Stay(null, null, null, null) : before, e);
    HandoverRecord old = before == null ? null : record(ctx.getCurrentKey(), before);
    HandoverRecord now = record(ctx.getCurrentKey(), after);
    if (!Objects.equals(old, now)) {
      if (old != null) {
        out.collect(HospitalSignal.retract(old));
      }
      if (now != null) {
        out.collect(HospitalSignal.insert(now));
      }
    }
    stay.update(after);
    long due =
        now != null && now.endMs() != HandoverRecord.OPEN
            ? latest(after) + retentionMs
            : latest(after) + maxOpenAgeMs;
    cleanupAt.moveTo(due, ctx.timerService());
  }

  private static Stay apply(Stay s, IncidentEvent e) {
    long t = e.timeMillis();
    String hospital = e.hospitalId() != null ? e.hospitalId() : s.hospitalId();
    return switch (e.type()) {
      case ARRIVED_HOSPITAL ->
          new Stay(hospital, min(s.arrivedMs(), t), s.handoverMs(), s.clearMs());
      case HANDOVER_COMPLETE ->
          new Stay(hospital, s.arrivedMs(), min(s.handoverMs(), t), s.clearMs());
      case RESOURCE_CLEAR -> new Stay(hospital, s.arrivedMs(), s.handoverMs(), min(s.clearMs(), t));
      default -> s;
    };
  }

  private static Long min(Long known, long t) {
    return known == null ? t : Math.min(known, t);
  }

  private static long latest(Stay s) {
    long t = Long.MIN_VALUE;
    for (Long v : new Long[] {s.arrivedMs(), s.handoverMs(), s.clearMs()}) {
      if (v != null) {
        t = Math.max(t, v);
      }
    }
    return t;
  }

  /** The stay as the hospital sees it; null until the crew is known to have arrived. */
  static HandoverRecord record(String key, Stay s) {
    if (s.arrivedMs() == null || s.hospitalId() == null) {
      return null;
    }
    long arrived = s.arrivedMs();
    if (s.handoverMs() != null) {
      return new HandoverRecord(key, s.hospitalId(), arrived, s.handoverMs(), true);
    }
    if (s.clearMs() != null && s.clearMs() >= arrived) {
      return new HandoverRecord(key, s.hospitalId(), arrived, s.clearMs(), false);
    }
    return new HandoverRecord(key, s.hospitalId(), arrived, HandoverRecord.OPEN, false);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<HospitalSignal> out)
      throws Exception {
    Stay s = stay.value();
    HandoverRecord last = s == null ? null : record(ctx.getCurrentKey(), s);
    if (last != null && last.endMs() == HandoverRecord.OPEN) {
      out.collect(HospitalSignal.retract(last));
    }
    stay.clear();
    cleanupAt.clear();
  }
}
