package uk.ambulance.ops.jobs.waiting;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics.CallsWaiting;
import uk.ambulance.ops.jobs.SafetyNetTtl;
import uk.ambulance.ops.jobs.sink.influx.InfluxPoint;

/**
 * Keyed by category and area: how many calls wait at each tick of event time, and how long the
 * longest has waited, written every tick while any call waits and once more when the last one
 * stops.
 *
 * <p>Each call's wait is an interval (clock start to first arrival or closure), so a tick counts
 * the calls waiting at its own moment, whether it is written live or in a replay that has already
 * seen the arrivals. An interval is dropped once the watermark has passed its end.
 */
public class CallsWaitingFunction extends KeyedProcessFunction<String, WaitingChange, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final long tickMs;
  private final Duration stateTtl;

  /** Per incident: {clock start, end of the wait}. */
  private transient MapState<String, long[]> waits;

  private transient ValueState<Long> nextTick;

  /** Per key, the waits in memory, rebuilt from state after a restore. */
  private transient Map<String, Map<String, long[]>> cache;

  /** {@code stateTtl}: a safety net, longer than any incident may stay open. */
  public CallsWaitingFunction(Duration tick, Duration stateTtl) {
    this.tickMs = tick.toMillis();
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    StateTtlConfig ttl = SafetyNetTtl.after(stateTtl);
    var waitsDescriptor =
        new MapStateDescriptor<>(
            "waits", Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    waitsDescriptor.enableTimeToLive(ttl);
    waits = getRuntimeContext().getMapState(waitsDescriptor);
    var tickDescriptor = new ValueStateDescriptor<>("next-tick", Long.class);
    tickDescriptor.enableTimeToLive(ttl);
    nextTick = getRuntimeContext().getState(tickDescriptor);
    cache = new HashMap<>();
  }

  @Override
  public void processElement(WaitingChange change, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    Map<String, long[]> byIncident = waits(ctx.getCurrentKey());
    long[] known = byIncident.get(change.incidentId());
    if (change.retract()) {
      if (known == null || known[0] != change.clockStartMs() || known[1] != change.endMs()) {
        return;
      }
      byIncident.remove(change.incidentId());
      waits.remove(change.incidentId());
    } else {
      long[] wait = {change.clockStartMs(), change.endMs()};
      byIncident.put(change.incidentId(), wait);
      waits.put(change.incidentId(), wait);
    }
    if (nextTick.value() == null && !byIncident.isEmpty()) {
      long watermark = ctx.timerService().currentWatermark();
      long tick =
          watermark == Long.MIN_VALUE
              ? Math.floorDiv(change.clockStartMs() + tickMs - 1, tickMs) * tickMs
              : Math.floorDiv(watermark, tickMs) * tickMs + tickMs;
      ctx.timerService().registerEventTimeTimer(tick);
      nextTick.update(tick);
    }
  }

  private Map<String, long[]> waits(String key) throws Exception {
    Map<String, long[]> byIncident = cache.get(key);
    if (byIncident == null) {
      byIncident = new HashMap<>();
      for (Map.Entry<String, long[]> e : waits.entries()) {
        byIncident.put(e.getKey(), e.getValue());
      }
      cache.put(key, byIncident);
    }
    return byIncident;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    Map<String, long[]> byIncident = waits(key);
    int count = 0;
    long oldestStart = Long.MAX_VALUE;
    for (Iterator<Map.Entry<String, long[]>> it = byIncident.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, long[]> e = it.next();
      long start = e.getValue()[0];
      long end = e.getValue()[1];
      if (start <= timestamp && timestamp < end) {
        count++;
        oldestStart = Math.min(oldestStart, start);
      }
      if (end <= timestamp) {
        // Over before this tick, which the watermark has passed: no later tick can count it.
        it.remove();
        waits.remove(e.getKey());
      }
    }
    int separator = key.indexOf('|');
    InfluxPoint.Builder point =
        InfluxPoint.builder(CallsWaiting.MEASUREMENT, timestamp)
            .tag(CallsWaiting.TAG_CATEGORY, key.substring(0, separator))
            .tag(CallsWaiting.TAG_AREA, key.substring(separator + 1))
            .field(CallsWaiting.WAITING, (long) count);
    if (count > 0) {
      point.field(CallsWaiting.OLDEST_WAIT_S, (timestamp - oldestStart) / 1000.0);
    }
    out.collect(point.build());
    if (byIncident.isEmpty()) {
      nextTick.clear();
      cache.remove(key);
    } else {
      ctx.timerService().registerEventTimeTimer(timestamp + tickMs);
      nextTick.update(timestamp + tickMs);
    }
  }
}
