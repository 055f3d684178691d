package uk.ambulance.ops.jobs.waiting;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.TimeBound;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Keyed by category and area: how many calls wait at each tick of event time, and how long the
 * longest has waited, written at every tick a stretch of waiting covers and once more when the last
 * one ends (see {@link WaitingStretches}).
 *
 * <p>What is written depends on the stretches only, not on when they arrive, so a replay writes the
 * same points whatever the order in which partitions and tasks interleave: a change to ticks the
 * watermark has passed (a late event) rewrites those ticks at the next one. A stretch is kept the
 * allowed lateness after its end, so that such a rewrite still counts it; a change older than that
 * rewrites nothing before it.
 */
public class CallsWaitingFunction extends KeyedProcessFunction<String, WaitingChange, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final long tickMs;
  private final long latenessMs;
  private final Duration stateTtl;

  /** Per stretch ({@code incidentId}, or {@code incidentId#from} after a category change). */
  private transient MapState<String, long[]> waits;

  /** The earliest tick, at or behind the watermark, that a change has made stale. */
  private transient TimeBound dirtyFrom;

  /**
   * The latest tick a stretch that shrank or went away had covered: rewritten even where no stretch
   * covers it now, so that no point keeps a call that no longer waited then.
   */
  private transient TimeBound staleUntil;

  /** Per key, the stretches in memory, rebuilt from state after a restore. */
  private transient Map<String, WaitingStretches> cache;

  /**
   * Per key, stretches just retracted, so that their replacement (a wait that ended) marks stale
   * only the ticks whose count it changes. Never across a checkpoint: a stretch is retracted and
   * replaced by one upstream call.
   */
  private transient Map<String, Map<String, long[]>> retracted;

  /** {@code stateTtl}: a safety net, longer than any incident may stay open. */
  public CallsWaitingFunction(Duration tick, Duration allowedLateness, Duration stateTtl) {
    this.tickMs = tick.toMillis();
    this.latenessMs = allowedLateness.toMillis();
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    KeyedStates states = KeyedStates.withSafetyNet(getRuntimeContext(), stateTtl);
    waits =
        states.map("waits", Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    dirtyFrom = states.earliest("dirty-from");
    staleUntil = states.latest("stale-until");
    cache = new HashMap<>();
    retracted = new HashMap<>();
  }

  @Override
  public void processElement(WaitingChange change, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    WaitingStretches stretches = stretches(key);
    String id =
        change.fromMs() == change.clockStartMs()
            ? change.incidentId()
            : change.incidentId() + "#" + change.fromMs();
    long[] known = stretches.get(id);
    long watermark = ctx.timerService().currentWatermark();
    if (change.retract()) {
      if (known == null
          || WaitingStretches.clockStart(known) != change.clockStartMs()
          || WaitingStretches.from(known) != change.fromMs()
          || WaitingStretches.end(known) != change.endMs()) {
        return;
      }
      stretches.remove(id);
      waits.remove(id);
      retracted.computeIfAbsent(key, k -> new HashMap<>()).put(id, known);
      if (watermark != Long.MIN_VALUE) {
        ctx.timerService().registerEventTimeTimer(Ticks.after(watermark, tickMs));
      }
      return;
    }
    long[] stretch = {change.clockStartMs(), change.fromMs(), change.endMs()};
    stretches.put(id, stretch);
    waits.put(id, stretch);
    long[] replaced = retracted.getOrDefault(key, Map.of()).get(id);
    long firstChanged;
    if (replaced != null && WaitingStretches.clockStart(replaced) == change.clockStartMs()) {
      // The same wait, ended or reopened: only the ticks between the two ends change.
      retracted.get(key).remove(id);
      firstChanged =
          Math.min(
              WaitingStretches.lastTick(replaced, tickMs),
              WaitingStretches.lastTick(stretch, tickMs));
      if (firstChanged == Long.MAX_VALUE) {
        return;
      }
      if (watermark != Long.MIN_VALUE && firstChanged <= watermark) {
        markStale(WaitingStretches.lastTick(replaced, tickMs), watermark);
      }
    } else {
      firstChanged = WaitingStretches.firstTick(stretch, tickMs);
    }
    markChanged(firstChanged, watermark, ctx);
  }

  private void markStale(long lastTick, long watermark) throws Exception {
    if (watermark == Long.MIN_VALUE) {
      return;
    }
    staleUntil.include(Math.min(lastTick, watermark));
  }

  /** A change from {@code tick} on: written at that tick, or rewritten at the next one. */
  private void markChanged(long tick, long watermark, Context ctx) throws Exception {
    if (watermark != Long.MIN_VALUE && tick <= watermark) {
      dirtyFrom.include(tick);
      ctx.timerService().registerEventTimeTimer(Ticks.after(watermark, tickMs));
    } else {
      ctx.timerService().registerEventTimeTimer(tick);
    }
  }

  private WaitingStretches stretches(String key) throws Exception {
    WaitingStretches stretches = cache.get(key);
    if (stretches == null) {
      stretches = new WaitingStretches(tickMs);
      for (Map.Entry<String, long[]> e : waits.entries()) {
        stretches.put(e.getKey(), e.getValue());
      }
      cache.put(key, stretches);
    }
    return stretches;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    WaitingStretches stretches = stretches(key);
    if (Ticks.isTick(timestamp, tickMs)) {
      stretches.moveTo(timestamp);
    }
    Long dirty = dirtyFrom.value();
    Map<String, long[]> gone = retracted.remove(key);
    if (gone != null) {
      for (long[] s : gone.values()) {
        long first = WaitingStretches.firstTick(s, tickMs);
        dirty = dirty == null ? first : Math.min(dirty, first);
        markStale(WaitingStretches.lastTick(s, tickMs), timestamp);
      }
    }
    if (dirty != null) {
      Long stale = staleUntil.value();
      long staleTo = stale == null ? Long.MIN_VALUE : stale;
      dirtyFrom.clear();
      staleUntil.clear();
      // Stretches ended longer ago than the allowed lateness are forgotten: no rewrite before.
      long from = Math.max(dirty, Ticks.atOrAfter(timestamp - latenessMs, tickMs));
      for (long t = from; t < timestamp; t += tickMs) {
        if (t <= staleTo || stretches.covers(t)) {
          out.collect(WaitingPoints.point(key, t, stretches.at(t, WaitingPoints.standardMs(key))));
        }
      }
    }
    if (Ticks.isTick(timestamp, tickMs) && stretches.covers(timestamp)) {
      out.collect(
          WaitingPoints.point(
              key, timestamp, stretches.at(timestamp, WaitingPoints.standardMs(key))));
    }
    for (String id : stretches.endedAtOrBefore(timestamp - latenessMs)) {
      waits.remove(id);
    }
    long next = stretches.nextTickAfter(timestamp);
    if (next != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(next);
    } else if (!stretches.isEmpty()) {
      // Nothing more to write: forget the stretches once no late change can reach them.
      long forget = stretches.earliestEnd() + latenessMs;
      ctx.timerService().registerEventTimeTimer(Ticks.atOrAfter(forget, tickMs));
    } else {
      cache.remove(key);
      waits.clear();
    }
  }
}
