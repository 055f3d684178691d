package uk.ambulance.ops.jobs.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.TimeBound;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * A calendar window (today, month to date), keyed by {@link WindowChange#windowKey()}: the entries
 * whose time lies between the start of the local day or month and the point's time.
 *
 * <p>Three kinds of point are written, each told apart by its time's offset from a whole tick:
 *
 * <ul>
 *   <li>at each tick in whose bucket some entry changed (offset 0): the period up to that tick;
 *   <li>at the period's last millisecond (offset tick - 1), once the watermark passes it: the
 *       period's final figure, together with an empty opening point of the next period at its first
 *       millisecond, so a wall board resets at midnight;
 *   <li>the period's entries are dropped the allowed lateness after it ended (offset 1).
 * </ul>
 *
 * Which ticks are written and what they say depend on the entries only, not on when they arrive: a
 * change to a bucket the watermark has passed (a late event) rewrites every written tick from that
 * bucket on at the next tick, and the period's final figure once it has ended. So replays write the
 * same points however their inputs interleave. Entries are kept in buckets of one tick ({@link
 * PeriodBuckets}).
 */
public class PeriodWindowFunction<C extends WindowChange<E>, E, A extends Aggregate<E>>
    extends KeyedProcessFunction<String, C, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final WindowAggregation<E, A> aggregation;
  private final CalendarPeriod period;
  private final long tickMs;
  private final long latenessMs;

  private transient PeriodBuckets keys;
  private transient MapState<Long, List<E>> buckets;
  private transient TimeBound dirtyFrom;

  private transient UnbucketedPeriods<E> unbucketed;
  private transient PeriodCursors<E, A> cursors;

  public PeriodWindowFunction(
      WindowAggregation<E, A> aggregation,
      CalendarPeriod period,
      Duration tick,
      Duration allowedLateness) {
    // At least 3 ms, so that the offsets 0, 1 and tick - 1 that tell the points apart differ.
    if (3_600_000L % tick.toMillis() != 0 || tick.toMillis() < 3) {
      throw new IllegalArgumentException("the tick must divide an hour");
    }
    this.aggregation = aggregation;
    this.period = period;
    this.tickMs = tick.toMillis();
    this.latenessMs = allowedLateness.toMillis();
  }

  private InfluxPoint point(String key, long timeMs, A window) {
    return aggregation.point(key, period.windowLabel(), timeMs, window);
  }

  @Override
  public void open(OpenContext openContext) {
    KeyedStates states = KeyedStates.withSafetyNet(getRuntimeContext(), Duration.ofDays(64));
    buckets = states.map("period-buckets", Types.LONG, Types.LIST(aggregation.entryType()));
    dirtyFrom = states.earliest("dirty-from");
    unbucketed = new UnbucketedPeriods<>(states, aggregation.entryType());
    keys = new PeriodBuckets(period, tickMs);
    cursors = new PeriodCursors<>(tickMs, aggregation::newAggregate);
  }

  @Override
  public void processElement(C change, Context ctx, Collector<InfluxPoint> out) throws Exception {
    migrate(ctx.getCurrentKey());
    long start = period.startOf(change.timeMs());
    long end = period.endOf(start);
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && end + latenessMs <= watermark) {
      ctx.output(RollingWindowFunction.SIGNALS, PipelineSignal.tooLate(change.stream()));
      return;
    }
    long tickKey = keys.keyOf(change.timeMs());
    long key = tickKey;
    List<E> entries = buckets.get(key);
    if (change.retract() && (entries == null || !entries.contains(change.entry()))) {
      // Entries carried over from state written before buckets sit in their period's first
      // bucket (see migrate): a correction must take them out of there, or it counts twice.
      List<E> carried = buckets.get(start + 1);
      if (carried != null && carried.contains(change.entry())) {
        key = start + 1;
        entries = carried;
      }
    }
    if (entries == null) {
      entries = new ArrayList<>();
    }
    boolean changed =
        change.retract() ? entries.remove(change.entry()) : entries.add(change.entry());
    if (!changed) {
      return;
    }
    buckets.put(key, entries);
    cursors.apply(
        ctx.getCurrentKey(), start, key, keys.isStartKey(key), change.entry(), change.retract());
    // Closing and purge timers: registering the same time again is a no-op. A closing time
    // already behind the watermark fires at the next watermark, rewriting the final figure.
    ctx.timerService().registerEventTimeTimer(end - 1);
    ctx.timerService().registerEventTimeTimer(end + latenessMs + 1);
    long tick = keys.tickOf(tickKey);
    if (tick >= end) {
      return; // the last moments of the period: only its final figure counts them
    }
    if (watermark == Long.MIN_VALUE || tick > watermark) {
      ctx.timerService().registerEventTimeTimer(tick);
    } else {
      dirtyFrom.include(tick);
      ctx.timerService().registerEventTimeTimer(Ticks.after(watermark, tickMs));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    migrate(key);
    long offset = Math.floorMod(timestamp, tickMs);
    if (offset == 0) {
      Long dirty = dirtyFrom.value();
      if (dirty != null) {
        dirtyFrom.clear();
        for (long t = dirty; t < timestamp; t += tickMs) {
          writeTick(key, t, out);
        }
      }
      writeTick(key, timestamp, out);
    } else if (offset == tickMs - 1) {
      long start = period.startOf(timestamp);
      out.collect(point(key, timestamp, cursors.upTo(key, start, timestamp + 1, buckets)));
      out.collect(point(key, timestamp + 1, aggregation.newAggregate()));
    } else if (offset == 1) {
      purge(key, period.startOf(timestamp - latenessMs - 2));
    }
  }

  /** Writes tick {@code t} if some entry's bucket puts it among the ticks written. */
  private void writeTick(String key, long t, Collector<InfluxPoint> out) throws Exception {
    if (keys.isPeriodStart(t)) {
      return; // the opening point, written with the period's close
    }
    long start = period.startOf(t);
    boolean written =
        buckets.contains(t) || (keys.isPeriodStart(t - tickMs) && buckets.contains(t - tickMs + 1));
    if (written) {
      out.collect(point(key, t, cursors.upTo(key, start, t, buckets)));
    }
  }

  private void purge(String key, long start) throws Exception {
    for (Iterator<Long> it = buckets.keys().iterator(); it.hasNext(); ) {
      if (keys.periodOf(it.next()) <= start) {
        it.remove();
      }
    }
    cursors.forgetUpTo(key, start);
    if (buckets.isEmpty()) {
      buckets.clear();
      dirtyFrom.clear();
    }
  }

  /** State written before buckets moves into them (see {@link UnbucketedPeriods}). */
  private void migrate(String key) throws Exception {
    if (unbucketed.moveInto(key, buckets)) {
      cursors.forget(key);
    }
  }
}
