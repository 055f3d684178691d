package uk.ambulance.ops.jobs.fleet;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.geo.London;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;

/**
 * Keyed by vehicle: the latest status from AVL, and whether the feed went silent. Emits the
 * vehicle's move from one fleet count to another, for its area and for ALL, at the time it
 * happened: a newer position, or {@code silenceLimit} without one while on duty.
 *
 * <p>A position older than the latest is out of date and changes nothing. A vehicle unheard for
 * {@code forgetAfter} leaves the counts and its state goes; a TTL of twice that is the safety net.
 * The operator's clock is CAD's as well as AVL's (see {@link FleetPipeline}), so a feed that stops
 * altogether is still noticed.
 */
public class VehicleTracker extends KeyedProcessFunction<String, VehiclePosition, FleetChange> {
  private static final long serialVersionUID = 1L;

  /** What the counts know of a vehicle. */
  public record Seen(
      long timeMs, String area, VehicleStatus status, VehicleType vehicleType, boolean silent) {}

  private final long silenceMs;
  private final long forgetMs;
  private transient ValueState<Seen> seen;
  private transient OneTimer timer;

  public VehicleTracker(FleetSettings settings) {
    this.silenceMs = settings.silenceLimit().toMillis();
    this.forgetMs = settings.forgetAfter().toMillis();
    if (forgetMs <= silenceMs) {
      throw new IllegalArgumentException("a vehicle must be silent before it is forgotten");
    }
  }

  @Override
  public void open(OpenContext openContext) {
    KeyedStates states =
        KeyedStates.withSafetyNet(getRuntimeContext(), Duration.ofMillis(2 * forgetMs));
    seen = states.value("seen", TypeInformation.of(Seen.class));
    timer = states.timer("timer");
  }

  @Override
  public void processElement(VehiclePosition p, Context ctx, Collector<FleetChange> out)
      throws Exception {
    Seen before = seen.value();
    if (before != null && p.timeMillis() <= before.timeMs()) {
      return;
    }
    // A position can arrive before the watermark reaches the silence (or forget) deadline it has
    // passed in event time: always so when records are read faster than watermarks are emitted,
    // as in a replay or a consumer catching up. The vehicle was silent from that deadline until
    // now all the same, so the deadline takes effect first, at its own time.
    Long due = timer.time();
    while (due != null && due < p.timeMillis()) {
      ctx.timerService().deleteEventTimeTimer(due);
      deadline(due, ctx, out);
      due = timer.time();
    }
    before = seen.value();
    Seen now =
        new Seen(
            p.timeMillis(),
            London.areaOf(p.lat(), p.lon()).name(),
            p.status(),
            p.vehicleType(),
            false);
    move(before, now, p.timeMillis(), out);
    seen.update(now);
    long deadline = onDuty(now) ? now.timeMs() + silenceMs + 1 : now.timeMs() + forgetMs;
    timer.moveTo(deadline, ctx.timerService());
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<FleetChange> out) throws Exception {
    deadline(t, ctx, out);
  }

  /** Silent {@code silenceLimit} after the last position while on duty, gone after forgetAfter. */
  private void deadline(long t, Context ctx, Collector<FleetChange> out) throws Exception {
    Seen last = seen.value();
    timer.clear();
    if (last == null) {
      return;
    }
    if (t - last.timeMs() >= forgetMs) {
      move(last, null, t, out);
      seen.clear();
      return;
    }
    Seen silent = new Seen(last.timeMs(), last.area(), last.status(), last.vehicleType(), true);
    move(last, silent, t, out);
    seen.update(silent);
    timer.then(last.timeMs() + forgetMs, ctx.timerService());
  }

  static boolean onDuty(Seen s) {
    return s.status() != VehicleStatus.OFF_DUTY;
  }

  private static void move(Seen from, Seen to, long t, Collector<FleetChange> out) {
    if (from != null
        && to != null
        && from.area().equals(to.area())
        && from.status() == to.status()
        && from.vehicleType() == to.vehicleType()
        && from.silent() == to.silent()) {
      return;
    }
    if (from != null) {
      emit(from, -1, t, out);
    }
    if (to != null) {
      emit(to, +1, t, out);
    }
  }

  private static void emit(Seen s, int delta, long t, Collector<FleetChange> out) {
    FleetChange change =
        new FleetChange(s.area(), s.status(), s.vehicleType(), s.silent(), delta, t);
    out.collect(change);
    out.collect(change.inScope(Metrics.AREA_ALL));
  }
}
