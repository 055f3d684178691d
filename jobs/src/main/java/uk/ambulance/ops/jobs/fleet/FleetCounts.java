package uk.ambulance.ops.jobs.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Keyed by area (or ALL): every tick of event time, the vehicles by status and type with the silent
 * ones among them ({@code fleet}), the feed's health ({@code fleet_feed}) and the unit-hour
 * utilisation of the last hour ({@code fleet_utilisation}), all as of the tick.
 *
 * <p>A change waits in {@code pending} until the tick at or after its time, so a tick counts
 * exactly the changes up to it. A count that falls to zero is written once as zero and dropped.
 * Utilisation integrates the counts tick by tick: the on-duty and busy vehicles at each tick of the
 * last hour, times the tick length. The key's state is gone once it has no vehicles and the last
 * hour has passed.
 */
public class FleetCounts extends KeyedProcessFunction<String, FleetChange, InfluxPoint> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;
  private static final TypeInformation<long[]> LONGS =
      PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;

  private final long tickMs;
  private final double outageShare;

  /** Keyed by {@code STATUS|TYPE}: {vehicles, silent}. */
  private transient MapState<String, long[]> counts;

  private transient MapState<Long, List<FleetChange>> pending;

  /** On-duty and busy vehicles at each tick of the last hour, and their running sums. */
  private transient MapState<Long, long[]> history;

  private transient ValueState<long[]> hourSums;
  private transient OneTimer nextTick;

  public FleetCounts(Duration tick, double outageShare) {
    Ticks.requireWhole(HOUR, tick.toMillis(), "an hour must be a whole number of ticks");
    this.tickMs = tick.toMillis();
    this.outageShare = outageShare;
  }

  @Override
  public void open(OpenContext openContext) {
    KeyedStates states = KeyedStates.withSafetyNet(getRuntimeContext(), Duration.ofDays(2));
    counts = states.map("counts", Types.STRING, LONGS);
    pending = states.map("pending", Types.LONG, Types.LIST(TypeInformation.of(FleetChange.class)));
    history = states.map("history", Types.LONG, LONGS);
    hourSums = states.value("hour-sums", LONGS);
    nextTick = states.timer("next-tick");
  }

  @Override
  public void processElement(FleetChange change, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    long tick = Ticks.next(change.timeMs(), ctx.timerService().currentWatermark(), tickMs);
    List<FleetChange> waiting = pending.get(tick);
    waiting = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
    waiting.add(change);
    pending.put(tick, waiting);
    nextTick.noLaterThan(tick, ctx.timerService());
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    String area = ctx.getCurrentKey();
    applyPendingUpTo(t);
    long onDuty = 0;
    long busy = 0;
    long silent = 0;
    List<String> emptied = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entries()) {
      String[] statusAndType = e.getKey().split("\\|");
      VehicleStatus status = VehicleStatus.valueOf(statusAndType[0]);
      long[] c = e.getValue();
      out.collect(
          FleetPoints.fleet(area, status, VehicleType.valueOf(statusAndType[1]), c[0], c[1], t));
      if (status != VehicleStatus.OFF_DUTY) {
        onDuty += c[0];
        silent += c[1];
        busy += FleetPoints.isBusy(status) ? c[0] : 0;
      }
      if (c[0] == 0 && c[1] == 0) {
        emptied.add(e.getKey());
      }
    }
    for (String key : emptied) {
      counts.remove(key);
    }
    boolean outage = onDuty > 0 && silent >= outageShare * onDuty;
    out.collect(FleetPoints.feed(area, onDuty, silent, outage, t));
    long[] sums = slideHour(t, onDuty, busy);
    if (sums[0] > 0 || onDuty > 0) {
      out.collect(FleetPoints.utilisation(area, sums[0] * tickMs, sums[1] * tickMs, t));
    }
    if (!counts.isEmpty() || !pending.isEmpty() || sums[0] > 0) {
      nextTick.then(t + tickMs, ctx.timerService());
    } else {
      counts.clear();
      pending.clear();
      history.clear();
      hourSums.clear();
      nextTick.clear();
    }
  }

  private void applyPendingUpTo(long t) throws Exception {
    List<Long> due = new ArrayList<>();
    for (Long tick : pending.keys()) {
      if (tick <= t) {
        due.add(tick);
      }
    }
    for (Long tick : due) {
      for (FleetChange c : pending.get(tick)) {
        String key = c.status().name() + "|" + c.vehicleType().name();
        long[] current = counts.get(key);
        long[] updated = current == null ? new long[2] : current.clone();
        updated[0] += c.delta();
        updated[1] += c.silent() ? c.delta() : 0;
        counts.put(key, updated);
      }
      pending.remove(tick);
    }
  }

  /** Adds this tick's vehicles to the hour and takes out the tick an hour ago. */
  private long[] slideHour(long t, long onDuty, long busy) throws Exception {
    long[] sums = hourSums.value();
    sums = sums == null ? new long[2] : sums.clone();
    if (onDuty > 0) {
      history.put(t, new long[] {onDuty, busy});
      sums[0] += onDuty;
      sums[1] += busy;
    }
    long[] leaving = history.get(t - HOUR);
    if (leaving != null) {
      sums[0] -= leaving[0];
      sums[1] -= leaving[1];
      history.remove(t - HOUR);
    }
    hourSums.update(sums);
    return sums;
  }
}
