package uk.ambulance.ops.jobs.waiting;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics.CallsWaiting;
import uk.ambulance.ops.jobs.SafetyNetTtl;
import uk.ambulance.ops.jobs.sink.influx.InfluxPoint;

/**
 * Keyed by category and area: the calls waiting now (clock started, nobody on scene, not closed)
 * and how long the longest has waited, written every tick of event time while any call waits and
 * once more when the last one stops waiting.
 *
 * <p>This is the wall board's live view: each point counts the calls known to be waiting when it is
 * written, so an arrival takes a call off within a tick of the watermark passing it. Earlier points
 * are not rewritten.
 */
public class CallsWaitingFunction extends KeyedProcessFunction<String, WaitingChange, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final long tickMs;
  private final Duration stateTtl;

  private transient MapState<String, Long> waiting;
  private transient ValueState<Long> nextTick;

  /** Per key, clock starts of the waiting calls and how many share each: the oldest is first. */
  private transient Map<String, TreeMap<Long, Integer>> starts;

  /** {@code stateTtl}: a safety net, longer than any incident may stay open. */
  public CallsWaitingFunction(Duration tick, Duration stateTtl) {
    this.tickMs = tick.toMillis();
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    StateTtlConfig ttl = SafetyNetTtl.after(stateTtl);
    var waitingDescriptor = new MapStateDescriptor<>("waiting", Types.STRING, Types.LONG);
    waitingDescriptor.enableTimeToLive(ttl);
    waiting = getRuntimeContext().getMapState(waitingDescriptor);
    var tickDescriptor = new ValueStateDescriptor<>("next-tick", Long.class);
    tickDescriptor.enableTimeToLive(ttl);
    nextTick = getRuntimeContext().getState(tickDescriptor);
    starts = new HashMap<>();
  }

  @Override
  public void processElement(WaitingChange change, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    TreeMap<Long, Integer> byStart = starts(ctx.getCurrentKey());
    Long known = waiting.get(change.incidentId());
    if (change.retract()) {
      if (known == null || known != change.clockStartMs()) {
        return;
      }
      waiting.remove(change.incidentId());
      byStart.computeIfPresent(known, (start, n) -> n == 1 ? null : n - 1);
    } else {
      if (known != null) {
        byStart.computeIfPresent(known, (start, n) -> n == 1 ? null : n - 1);
      }
      waiting.put(change.incidentId(), change.clockStartMs());
      byStart.merge(change.clockStartMs(), 1, Integer::sum);
    }
    if (nextTick.value() == null) {
      long watermark = ctx.timerService().currentWatermark();
      long tick =
          watermark == Long.MIN_VALUE
              ? Math.floorDiv(change.clockStartMs() + tickMs - 1, tickMs) * tickMs
              : Math.floorDiv(watermark, tickMs) * tickMs + tickMs;
      ctx.timerService().registerEventTimeTimer(tick);
      nextTick.update(tick);
    }
  }

  /** The clock starts of a key's waiting calls, rebuilt from state after a restore. */
  private TreeMap<Long, Integer> starts(String key) throws Exception {
    TreeMap<Long, Integer> byStart = starts.get(key);
    if (byStart == null) {
      byStart = new TreeMap<>();
      for (Long start : waiting.values()) {
        byStart.merge(start, 1, Integer::sum);
      }
      starts.put(key, byStart);
    }
    return byStart;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    TreeMap<Long, Integer> byStart = starts(key);
    // Calls whose clock starts after this tick (known early through out-of-order delivery) are
    // not waiting yet at this moment.
    int count = 0;
    for (int n : byStart.headMap(timestamp, true).values()) {
      count += n;
    }
    int separator = key.indexOf('|');
    InfluxPoint.Builder point =
        InfluxPoint.builder(CallsWaiting.MEASUREMENT, timestamp)
            .tag(CallsWaiting.TAG_CATEGORY, key.substring(0, separator))
            .tag(CallsWaiting.TAG_AREA, key.substring(separator + 1))
            .field(CallsWaiting.WAITING, (long) count);
    if (count > 0) {
      point.field(CallsWaiting.OLDEST_WAIT_S, (timestamp - byStart.firstKey()) / 1000.0);
    }
    out.collect(point.build());
    if (byStart.isEmpty()) {
      nextTick.clear();
      waiting.clear();
      starts.remove(key);
    } else {
      ctx.timerService().registerEventTimeTimer(timestamp + tickMs);
      nextTick.update(timestamp + tickMs);
    }
  }
}
