package uk.ambulance.ops.jobs.demand;

import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Keyed by H3 cell: the cell's recent calls ({@link CellFanOut} sends it its own and its
 * neighbours'), and at each tick where a call enters or leaves a window, the counts as of that tick
 * ({@link CellCountChange}) if they changed. A tick where nothing enters or leaves has no timer, so
 * a cell costs a few timers per call, not one per tick; the London scorer keeps the counts between
 * changes.
 *
 * <p>Counts at tick t cover calls in {@code (t - window, t]}, as the scorer's old walk over every
 * cell did; a call that comes in behind the watermark counts from the next tick. Once a cell's
 * calls have left both windows it has sent its zeros, and its state and timer are gone.
 *
 * <p>The change for tick t is sent from the timer at t, so it reaches the scorer before the
 * watermark t that fires the scorer's own tick: Flink fires an operator's timers before it forwards
 * the watermark.
 */
public class CellCounter extends KeyedProcessFunction<String, CellCall, CellCountChange> {
  private static final long serialVersionUID = 1L;
  private static final long[] NONE = new long[3];

  private final long tickMs;
  private final long windowMs;
  private final long minutesMs;
  private final long ownKeepMs;

  /** The cell's own calls: the hotspot window and its part of the disk. */
  private transient ValueState<long[]> own;

  /** The calls of the cell and its neighbours still in the major-incident window. */
  private transient ValueState<long[]> disk;

  /** {window, minutes, disk} as last sent; none while all are zero. */
  private transient ValueState<long[]> sent;

  private transient OneTimer nextChange;

  public CellCounter(Duration tick, DemandSettings settings) {
    this.tickMs = tick.toMillis();
    this.windowMs = settings.hotspotWindow().toMillis();
    this.minutesMs = settings.majorIncidentWindow().toMillis();
    this.ownKeepMs = Math.max(windowMs, minutesMs);
  }

  @Override
  public void open(OpenContext openContext) {
    // No TTL: the timer clears each cell once its calls have left the windows.
    KeyedStates states = KeyedStates.withoutTtl(getRuntimeContext());
    own = states.value("own-times", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    disk = states.value("disk-times", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    sent = states.value("counts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    nextChange = states.timer("next-change");
  }

  @Override
  public void processElement(CellCall call, Context ctx, Collector<CellCountChange> out)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    long first = Ticks.next(call.timeMs(), watermark, tickMs);
    // A late call that has left a window by the first tick it can count at never counts there.
    boolean kept = false;
    if (call.own() && call.timeMs() > first - ownKeepMs) {
      own.update(CellTimes.plus(own.value(), call.timeMs()));
      kept = true;
    }
    if (call.timeMs() > first - minutesMs) {
      disk.update(CellTimes.plus(disk.value(), call.timeMs()));
      kept = true;
    }
    if (kept) {
      nextChange.noLaterThan(first, ctx.timerService());
    }
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<CellCountChange> out) throws Exception {
    long[] ownTimes = CellTimes.after(own.value(), t - ownKeepMs);
    long[] diskTimes = CellTimes.after(disk.value(), t - minutesMs);
    long[] counts = {
      CellTimes.count(ownTimes, t, windowMs),
      CellTimes.count(ownTimes, t, minutesMs),
      CellTimes.count(diskTimes, t, minutesMs)
    };
    long[] before = sent.value();
    boolean zero = Arrays.equals(counts, NONE);
    if (!Arrays.equals(counts, before == null ? NONE : before)) {
      out.collect(new CellCountChange(ctx.getCurrentKey(), t, counts[0], counts[1], counts[2]));
    }
    if (ownTimes == null && diskTimes == null) {
      own.clear();
      disk.clear();
      sent.clear();
      nextChange.clear();
      return;
    }
    own.update(ownTimes);
    disk.update(diskTimes);
    if (zero) {
      sent.clear();
    } else {
      sent.update(counts);
    }
    long next =
        Math.min(
            Math.min(
                CellTimes.nextChange(ownTimes, t, windowMs, tickMs),
                CellTimes.nextChange(ownTimes, t, minutesMs, tickMs)),
            CellTimes.nextChange(diskTimes, t, minutesMs, tickMs));
    nextChange.then(next, ctx.timerService());
  }
}
