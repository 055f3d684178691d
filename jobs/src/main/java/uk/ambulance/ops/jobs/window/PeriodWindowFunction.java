package uk.ambulance.ops.jobs.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.jobs.SafetyNetTtl;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.points.InfluxPoint;

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
public abstract class PeriodWindowFunction<C extends WindowChange<E>, E, A extends Aggregate<E>>
    extends KeyedProcessFunction<String, C, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final TypeInformation<E> entryType;
  protected final CalendarPeriod period;
  private final long tickMs;
  private final long latenessMs;

  private transient PeriodBuckets keys;
  private transient MapState<Long, List<E>> buckets;
  private transient ValueState<Long> dirtyFrom;

  /** Written by earlier versions: entries per period start, no time within it. */
  private transient MapState<Long, List<E>> unbucketed;

  private transient ValueState<Long> unbucketedNextTick;
  private transient Set<String> migrated;

  /** Per key and period start, the period's aggregate up to a tick, moved forward or back. */
  private transient Map<String, Map<Long, Cursor<A>>> cursors;

  private static final class Cursor<A> {
    long at;
    A aggregate;
  }

  protected PeriodWindowFunction(
      TypeInformation<E> entryType,
      CalendarPeriod period,
      Duration tick,
      Duration allowedLateness) {
    if (3_600_000L % tick.toMillis() != 0 || tick.toMillis() < 3) {
      throw new IllegalArgumentException("the tick must divide an hour");
    }
    this.entryType = entryType;
    this.period = period;
    this.tickMs = tick.toMillis();
    this.latenessMs = allowedLateness.toMillis();
  }

  protected abstract A newAggregate();

  protected abstract InfluxPoint point(String key, long timeMs, A window);

  @Override
  public void open(OpenContext openContext) {
    StateTtlConfig ttl = SafetyNetTtl.after(Duration.ofDays(64));
    var descriptor = new MapStateDescriptor<>("period-buckets", Types.LONG, Types.LIST(entryType));
    descriptor.enableTimeToLive(ttl);
    buckets = getRuntimeContext().getMapState(descriptor);
    var dirtyDescriptor = new ValueStateDescriptor<>("dirty-from", Long.class);
    dirtyDescriptor.enableTimeToLive(ttl);
    dirtyFrom = getRuntimeContext().getState(dirtyDescriptor);
    var oldDescriptor = new MapStateDescriptor<>("periods", Types.LONG, Types.LIST(entryType));
    oldDescriptor.enableTimeToLive(ttl);
    unbucketed = getRuntimeContext().getMapState(oldDescriptor);
    var oldTickDescriptor = new ValueStateDescriptor<>("next-tick", Long.class);
    oldTickDescriptor.enableTimeToLive(ttl);
    unbucketedNextTick = getRuntimeContext().getState(oldTickDescriptor);
    keys = new PeriodBuckets(period, tickMs);
    cursors = new HashMap<>();
    migrated = new HashSet<>();
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
    Cursor<A> cursor = cursors.getOrDefault(ctx.getCurrentKey(), Map.of()).get(start);
    if (cursor != null && (keys.isStartKey(key) || key <= cursor.at)) {
      if (change.retract()) {
        cursor.aggregate.remove(change.entry());
      } else {
        cursor.aggregate.add(change.entry());
      }
    }
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
      Long dirty = dirtyFrom.value();
      dirtyFrom.update(dirty == null ? tick : Math.min(dirty, tick));
      ctx.timerService().registerEventTimeTimer(Math.floorDiv(watermark, tickMs) * tickMs + tickMs);
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
      out.collect(point(key, timestamp, aggregateUpTo(key, start, timestamp + 1)));
      out.collect(point(key, timestamp + 1, newAggregate()));
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
      out.collect(point(key, t, aggregateUpTo(key, start, t)));
    }
  }

  /** The aggregate of the period starting at {@code start}, buckets up to {@code tick}. */
  private A aggregateUpTo(String key, long start, long tick) throws Exception {
    Map<Long, Cursor<A>> byPeriod = cursors.computeIfAbsent(key, k -> new HashMap<>());
    Cursor<A> cursor = byPeriod.get(start);
    if (cursor == null) {
      cursor = new Cursor<>();
      cursor.at = start;
      cursor.aggregate = newAggregate();
      addAll(cursor.aggregate, buckets.get(start + 1));
      byPeriod.put(start, cursor);
    }
    for (long b = cursor.at + tickMs; b <= tick; b += tickMs) {
      addAll(cursor.aggregate, buckets.get(b));
    }
    for (long b = cursor.at; b > tick; b -= tickMs) {
      List<E> entries = buckets.get(b);
      if (entries != null) {
        entries.forEach(cursor.aggregate::remove);
      }
    }
    cursor.at = tick;
    return cursor.aggregate;
  }

  private static <E, A extends Aggregate<E>> void addAll(A aggregate, List<E> entries) {
    if (entries != null) {
      entries.forEach(aggregate::add);
    }
  }

  private void purge(String key, long start) throws Exception {
    for (Iterator<Long> it = buckets.keys().iterator(); it.hasNext(); ) {
      if (keys.periodOf(it.next()) <= start) {
        it.remove();
      }
    }
    Map<Long, Cursor<A>> byPeriod = cursors.get(key);
    if (byPeriod != null) {
      byPeriod.keySet().removeIf(s -> s <= start);
      if (byPeriod.isEmpty()) {
        cursors.remove(key);
      }
    }
    if (buckets.isEmpty()) {
      buckets.clear();
      dirtyFrom.clear();
    }
  }

  /**
   * State written before buckets: each period's entries go to its first bucket, so every point from
   * now on counts them (points already written do not move).
   */
  private void migrate(String key) throws Exception {
    if (!migrated.add(key) || unbucketed.isEmpty()) {
      return;
    }
    for (Map.Entry<Long, List<E>> e : unbucketed.entries()) {
      long startKey = e.getKey() + 1;
      List<E> entries = buckets.get(startKey);
      List<E> merged = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
      merged.addAll(e.getValue());
      buckets.put(startKey, merged);
    }
    unbucketed.clear();
    unbucketedNextTick.clear();
    cursors.remove(key);
  }
}
