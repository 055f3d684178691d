package uk.ambulance.ops.jobs.window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.jobs.SafetyNetTtl;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.sink.influx.InfluxPoint;

/**
 * A calendar window (today, month to date), keyed by {@link WindowChange#windowKey()}: the entries
 * whose time lies between the start of the local day or month and the point's time.
 *
 * <p>Three kinds of point are written, each told apart by its time's offset from a whole tick:
 *
 * <ul>
 *   <li>at a tick (offset 0), after anything changed: the period so far, as known then;
 *   <li>at the period's last millisecond (offset tick - 1), once the watermark passes it: the
 *       period's final figure, together with the opening point of the next period at its first
 *       millisecond, so a wall board resets at midnight. A late change to a closed period writes
 *       its final figure again;
 *   <li>the period's entries are dropped the allowed lateness after it ended (offset 1).
 * </ul>
 *
 * Points between ticks are not rewritten when a late change arrives: a day's or month's final
 * figure is, and the next tick carries the correction forward.
 */
public abstract class PeriodWindowFunction<C extends WindowChange<E>, E, A extends Aggregate<E>>
    extends KeyedProcessFunction<String, C, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final TypeInformation<E> entryType;
  protected final CalendarPeriod period;
  private final long tickMs;
  private final long latenessMs;

  private transient MapState<Long, List<E>> periods;
  private transient ValueState<Long> nextTick;
  private transient Map<String, Map<Long, A>> aggregates;

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
    var descriptor = new MapStateDescriptor<>("periods", Types.LONG, Types.LIST(entryType));
    descriptor.enableTimeToLive(ttl);
    periods = getRuntimeContext().getMapState(descriptor);
    var tickDescriptor = new ValueStateDescriptor<>("next-tick", Long.class);
    tickDescriptor.enableTimeToLive(ttl);
    nextTick = getRuntimeContext().getState(tickDescriptor);
    aggregates = new HashMap<>();
  }

  @Override
  public void processElement(C change, Context ctx, Collector<InfluxPoint> out) throws Exception {
    long start = period.startOf(change.timeMs());
    long end = period.endOf(start);
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && end + latenessMs <= watermark) {
      ctx.output(RollingWindowFunction.SIGNALS, PipelineSignal.tooLate(Topics.CAD_INCIDENTS));
      return;
    }
    List<E> entries = periods.get(start);
    if (entries == null) {
      entries = new ArrayList<>();
    }
    boolean changed =
        change.retract() ? entries.remove(change.entry()) : entries.add(change.entry());
    if (!changed) {
      return;
    }
    periods.put(start, entries);
    A cached = aggregates.computeIfAbsent(ctx.getCurrentKey(), k -> new HashMap<>()).get(start);
    if (cached != null) {
      if (change.retract()) {
        cached.remove(change.entry());
      } else {
        cached.add(change.entry());
      }
    }
    // Closing and purge timers: registering the same time again is a no-op. A closing time
    // already behind the watermark fires at the next watermark, rewriting the final figure.
    ctx.timerService().registerEventTimeTimer(end - 1);
    ctx.timerService().registerEventTimeTimer(end + latenessMs + 1);
    if (end - 1 > watermark && nextTick.value() == null) {
      long tick =
          watermark == Long.MIN_VALUE
              ? Math.floorDiv(change.timeMs() + tickMs - 1, tickMs) * tickMs
              : Math.floorDiv(watermark, tickMs) * tickMs + tickMs;
      ctx.timerService().registerEventTimeTimer(tick);
      nextTick.update(tick);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    long offset = Math.floorMod(timestamp, tickMs);
    if (offset == 0) {
      if (nextTick.value() != null && nextTick.value() == timestamp) {
        nextTick.clear();
        out.collect(point(key, timestamp, aggregate(key, period.startOf(timestamp))));
      }
    } else if (offset == tickMs - 1) {
      out.collect(point(key, timestamp, aggregate(key, period.startOf(timestamp))));
      long next = timestamp + 1;
      out.collect(point(key, next, aggregate(key, period.startOf(next))));
    } else if (offset == 1) {
      long start = period.startOf(timestamp - latenessMs - 2);
      periods.remove(start);
      Map<Long, A> cached = aggregates.get(key);
      if (cached != null) {
        cached.remove(start);
      }
      if (periods.isEmpty() && nextTick.value() == null) {
        aggregates.remove(key);
        periods.clear();
      }
    }
  }

  /** The aggregate of one period, from memory or rebuilt from state (after a restore). */
  private A aggregate(String key, long start) throws Exception {
    Map<Long, A> byPeriod = aggregates.computeIfAbsent(key, k -> new HashMap<>());
    A aggregate = byPeriod.get(start);
    if (aggregate == null) {
      aggregate = newAggregate();
      List<E> entries = periods.get(start);
      if (entries != null) {
        entries.forEach(aggregate::add);
        byPeriod.put(start, aggregate);
      }
    }
    return aggregate;
  }
}
