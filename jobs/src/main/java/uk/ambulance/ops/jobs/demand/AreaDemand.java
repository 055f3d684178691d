package uk.ambulance.ops.jobs.demand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
import uk.ambulance.ops.jobs.ticks.Ticks;
import uk.ambulance.ops.jobs.window.CalendarPeriod;

/**
 * Keyed by area (or ALL): every tick of event time while the last hour holds calls, the calls of
 * the last hour against the seasonal expectation for the same hour ({@code demand}).
 *
 * <p>Calls are counted per tick bucket (a call at {@code t} falls in the bucket of the first tick
 * at or after {@code t}) and per clock hour; an hour folds into the {@link SeasonalBaseline} once a
 * tick has passed its end, hours without calls folding in as zero. Buckets go once out of the hour;
 * the baseline, 168 numbers, stays for as long as the area exists. A call whose bucket has already
 * left the hour changes nothing written and only counts towards its hour if that is not yet folded.
 */
public class AreaDemand extends KeyedProcessFunction<String, Call, InfluxPoint> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;

  private final long tickMs;
  private final double londonPriorPerHour;
  private final double weight;

  private transient MapState<Long, Long> buckets;
  private transient HourlyCalls hours;
  private transient ValueState<Long> lastTick;
  private transient ValueState<Long> windowCalls;
  private transient OneTimer nextTick;

  /** Each area's baseline starts at a fifth of London's prior, ALL's at the whole of it. */
  public AreaDemand(Duration tick, double londonPriorPerHour, double baselineWeight) {
    Ticks.requireWhole(HOUR, tick.toMillis(), "an hour must be a whole number of ticks");
    this.tickMs = tick.toMillis();
    this.londonPriorPerHour = londonPriorPerHour;
    this.weight = baselineWeight;
  }

  @Override
  public void open(OpenContext openContext) {
    // No TTL: the baseline is meant to stay, and timers clear the rest.
    KeyedStates states = KeyedStates.withoutTtl(getRuntimeContext());
    buckets = states.map("buckets", Types.LONG, Types.LONG);
    hours = new HourlyCalls(states, weight);
    lastTick = states.time("last-tick");
    windowCalls = states.value("window-calls", Types.LONG);
    nextTick = states.timer("next-tick");
  }

  @Override
  public void processElement(Call call, Context ctx, Collector<InfluxPoint> out) throws Exception {
    long bucket = Ticks.atOrAfter(call.timeMs(), tickMs);
    hours.count(call.timeMs());
    Long last = lastTick.value();
    if (last != null && bucket <= last - HOUR) {
      return;
    }
    add(buckets, bucket);
    if (last != null && bucket <= last) {
      windowCalls.update(windowCalls.value() + 1);
    }
    long wanted = Ticks.next(call.timeMs(), ctx.timerService().currentWatermark(), tickMs);
    nextTick.noLaterThan(wanted, ctx.timerService());
  }

  private void add(MapState<Long, Long> counts, long key) throws Exception {
    Long n = counts.get(key);
    counts.put(key, n == null ? 1 : n + 1);
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    String area = ctx.getCurrentKey();
    double prior =
        area.equals(Metrics.AREA_ALL)
            ? londonPriorPerHour
            : londonPriorPerHour / Area.values().length;
    SeasonalBaseline b = hours.baselineAsOf(t, prior);
    long calls = slideWindowTo(t);
    out.collect(
        InfluxPoint.builder(Metrics.Demand.MEASUREMENT, t)
            .tag(Metrics.Demand.TAG_AREA, area)
            .field(Metrics.Demand.CALLS_1H, calls)
            .field(Metrics.Demand.EXPECTED_1H, b.expected(t - HOUR, t))
            .field(
                Metrics.Demand.EXPECTED_REST_OF_DAY,
                b.expected(t, CalendarPeriod.DAY.endOf(CalendarPeriod.DAY.startOf(t))))
            .build());
    if (calls > 0 || !buckets.isEmpty()) {
      nextTick.then(t + tickMs, ctx.timerService());
    } else {
      // Nothing in the hour: stop ticking until the next call. The baseline and unfolded hour
      // counts stay: they are what the next call is compared with.
      lastTick.clear();
      windowCalls.clear();
      nextTick.clear();
    }
  }

  /** Calls in (t - 1h, t], updated from the last tick by the buckets entering and leaving. */
  private long slideWindowTo(long t) throws Exception {
    Long last = lastTick.value();
    long calls;
    if (last == null || last <= t - HOUR) {
      calls = 0;
      for (long b = t - HOUR + tickMs; b <= t; b += tickMs) {
        calls += count(b);
      }
      for (Long b : toList(buckets.keys())) {
        if (b <= t - HOUR) {
          buckets.remove(b);
        }
      }
    } else {
      calls = windowCalls.value();
      for (long b = last + tickMs; b <= t; b += tickMs) {
        calls += count(b);
      }
      for (long b = last - HOUR + tickMs; b <= t - HOUR; b += tickMs) {
        calls -= count(b);
        buckets.remove(b);
      }
    }
    lastTick.update(t);
    windowCalls.update(calls);
    return calls;
  }

  private static List<Long> toList(Iterable<Long> keys) {
    List<Long> list = new ArrayList<>();
    keys.forEach(list::add);
    return list;
  }

  private long count(long bucket) throws Exception {
    Long n = buckets.get(bucket);
    return n == null ? 0 : n;
  }
}
