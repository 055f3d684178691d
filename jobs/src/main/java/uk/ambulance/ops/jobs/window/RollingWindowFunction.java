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
import org.apache.flink.util.OutputTag;
import uk.ambulance.ops.jobs.SafetyNetTtl;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * A sliding window, keyed by {@link WindowChange#windowKey()}: every {@code tick} of event time it
 * writes a point for the entries whose time lies in the last {@code window}, with the tick as the
 * point's time.
 *
 * <p>Entries are kept in buckets of one tick. A tick is written while its window holds a bucket,
 * and once more when the last bucket has left it, whatever the order in which changes arrive. A
 * change whose bucket lies at or before the watermark corrects ticks already written: they are
 * written again, with the same identity, at the next tick. Buckets are removed once older than the
 * window plus the allowed lateness; a change that would land in a removed bucket is counted as too
 * late. Ticks stop once the window is empty (after writing one point for the empty window), so a
 * quiet key costs nothing.
 *
 * <p>Each key's current window is also kept in memory, so that a tick costs two bucket reads, not a
 * whole window's; it is rebuilt from the buckets after a restore.
 */
public abstract class RollingWindowFunction<C extends WindowChange<E>, E, A extends Aggregate<E>>
    extends KeyedProcessFunction<String, C, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<PipelineSignal> SIGNALS =
      new OutputTag<>("rolling-window-signals", TypeInformation.of(PipelineSignal.class));

  private final TypeInformation<E> entryType;
  protected final long windowMs;
  protected final long tickMs;
  private final long latenessMs;

  private transient MapState<Long, List<E>> buckets;
  private transient ValueState<Long> nextTick;
  private transient ValueState<Long> purgeAt;
  private transient ValueState<Long> oldestBucket;
  private transient ValueState<Long> newestBucket;
  private transient ValueState<Long> dirtyFrom;
  private transient ValueState<Long> dirtyTo;
  private transient Map<String, Slider<A>> sliders;

  /** The window ending at {@code end}: the aggregate of buckets (end - window, end]. */
  private static final class Slider<A> {
    long end;
    A aggregate;

    /** How many buckets of the window exist (an emptied bucket still does). */
    int buckets;
  }

  protected RollingWindowFunction(
      TypeInformation<E> entryType, Duration window, Duration tick, Duration allowedLateness) {
    if (window.toMillis() % tick.toMillis() != 0) {
      throw new IllegalArgumentException("the window must be a whole number of ticks");
    }
    this.entryType = entryType;
    this.windowMs = window.toMillis();
    this.tickMs = tick.toMillis();
    this.latenessMs = allowedLateness.toMillis();
  }

  /** A new, empty aggregate. */
  protected abstract A newAggregate();

  /** The point for key {@code key} at {@code tick}, from the window's aggregate. */
  protected abstract InfluxPoint point(String key, long tick, A window);

  @Override
  public void open(OpenContext openContext) {
    // Safety net only: timers purge buckets long before this.
    StateTtlConfig ttl =
        SafetyNetTtl.after(Duration.ofMillis(2 * (windowMs + latenessMs) + 86_400_000L));
    var bucketsDescriptor = new MapStateDescriptor<>("buckets", Types.LONG, Types.LIST(entryType));
    bucketsDescriptor.enableTimeToLive(ttl);
    buckets = getRuntimeContext().getMapState(bucketsDescriptor);
    nextTick = longState("next-tick", ttl);
    purgeAt = longState("purge-at", ttl);
    oldestBucket = longState("oldest-bucket", ttl);
    newestBucket = longState("newest-bucket", ttl);
    dirtyFrom = longState("dirty-from", ttl);
    dirtyTo = longState("dirty-to", ttl);
    sliders = new HashMap<>();
  }

  private ValueState<Long> longState(String name, StateTtlConfig ttl) {
    var descriptor = new ValueStateDescriptor<>(name, Long.class);
    descriptor.enableTimeToLive(ttl);
    return getRuntimeContext().getState(descriptor);
  }

  /** The bucket holding time t: buckets end on a tick and include it, (b - tick, b]. */
  long bucketOf(long timeMs) {
    return Math.floorDiv(timeMs + tickMs - 1, tickMs) * tickMs;
  }

  private long tickAfter(long watermark) {
    return Math.floorDiv(watermark, tickMs) * tickMs + tickMs;
  }

  @Override
  public void processElement(C change, Context ctx, Collector<InfluxPoint> out) throws Exception {
    long bucket = bucketOf(change.timeMs());
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && bucket + windowMs + latenessMs <= watermark) {
      ctx.output(SIGNALS, PipelineSignal.tooLate(change.stream()));
      return;
    }
    boolean newBucket = !buckets.contains(bucket);
    if (!apply(bucket, change)) {
      return;
    }
    Slider<A> slider = sliders.get(ctx.getCurrentKey());
    if (slider != null && bucket > slider.end - windowMs && bucket <= slider.end) {
      slider.buckets += newBucket ? 1 : 0;
      if (change.retract()) {
        slider.aggregate.remove(change.entry());
      } else {
        slider.aggregate.add(change.entry());
      }
    }
    if (bucket <= watermark) {
      markDirty(bucket);
    }
    scheduleTick(watermark, bucket, ctx);
  }

  /** Applies a change to its bucket; false for the retraction of an entry never applied. */
  private boolean apply(long bucket, C change) throws Exception {
    List<E> entries = buckets.get(bucket);
    if (entries == null) {
      entries = new ArrayList<>();
    }
    boolean changed =
        change.retract() ? entries.remove(change.entry()) : entries.add(change.entry());
    if (!changed) {
      return false;
    }
    buckets.put(bucket, entries);
    Long oldest = oldestBucket.value();
    Long newest = newestBucket.value();
    oldestBucket.update(oldest == null ? bucket : Math.min(oldest, bucket));
    newestBucket.update(newest == null ? bucket : Math.max(newest, bucket));
    return true;
  }

  private void markDirty(long bucket) throws Exception {
    Long from = dirtyFrom.value();
    Long to = dirtyTo.value();
    // Up to the tick whose window the bucket has just left: it is written once more, empty or not.
    long lastAffectedTick = bucket + windowMs;
    dirtyFrom.update(from == null ? bucket : Math.min(from, bucket));
    dirtyTo.update(to == null ? lastAffectedTick : Math.max(to, lastAffectedTick));
  }

  private void scheduleTick(long watermark, long bucket, Context ctx) throws Exception {
    long wanted = bucket > watermark ? bucket : tickAfter(watermark);
    Long scheduled = nextTick.value();
    if (scheduled != null && scheduled <= wanted) {
      return;
    }
    if (scheduled != null) {
      ctx.timerService().deleteEventTimeTimer(scheduled);
    }
    ctx.timerService().registerEventTimeTimer(wanted);
    nextTick.update(wanted);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    Long tick = nextTick.value();
    if (tick != null && tick == timestamp) {
      writeTicks(ctx.getCurrentKey(), timestamp, out);
      purgeUpTo(timestamp - windowMs - latenessMs);
      scheduleNext(timestamp, ctx);
    } else if (purgeAt.value() != null && purgeAt.value() == timestamp) {
      purgeAt.clear();
      purgeUpTo(timestamp - windowMs - latenessMs);
    }
    if (oldestBucket.value() == null && nextTick.value() == null) {
      clearAll(ctx.getCurrentKey());
    }
  }

  /**
   * Writes the tick {@code now}, and before it every earlier tick a late change touched, in one
   * pass that slides the window forward a bucket at a time.
   */
  private void writeTicks(String key, long now, Collector<InfluxPoint> out) throws Exception {
    Long from = dirtyFrom.value();
    long first = from == null ? now : Math.min(from, now);
    long lastCorrected = from == null ? Long.MIN_VALUE : Math.min(dirtyTo.value(), now - tickMs);
    dirtyFrom.clear();
    dirtyTo.clear();
    for (long t = first; ; ) {
      Slider<A> slider = slideTo(key, t);
      if ((t <= lastCorrected || t == now) && covered(slider, t)) {
        out.collect(point(key, t, slider.aggregate));
      }
      // Between the corrected range and now nothing needs writing: jump instead of sliding.
      long next = t + tickMs > lastCorrected ? now : t + tickMs;
      if (next <= t) {
        return;
      }
      t = next;
    }
  }

  /**
   * Whether tick {@code t} is written at all: while its window holds a bucket, or its window has
   * just lost one. This depends on the buckets only, not on when they came in, so a replay writes
   * the same ticks however its inputs interleave.
   */
  private boolean covered(Slider<A> slider, long t) throws Exception {
    return slider.buckets > 0 || buckets.contains(t - windowMs);
  }

  /** The window ending at {@code end}, slid forward from the cached one or rebuilt. */
  private Slider<A> slideTo(String key, long end) throws Exception {
    Slider<A> slider = sliders.get(key);
    if (slider == null || slider.end > end || slider.end <= end - windowMs) {
      slider = new Slider<>();
      slider.aggregate = newAggregate();
      for (long b = end - windowMs + tickMs; b <= end; b += tickMs) {
        slider.buckets += addBucket(slider.aggregate, b);
      }
    } else {
      for (long t = slider.end + tickMs; t <= end; t += tickMs) {
        slider.buckets -= removeBucket(slider.aggregate, t - windowMs);
        slider.buckets += addBucket(slider.aggregate, t);
      }
    }
    slider.end = end;
    sliders.put(key, slider);
    return slider;
  }

  /** Adds a bucket's entries; 1 if the bucket exists. */
  private int addBucket(A aggregate, long bucket) throws Exception {
    List<E> entries = buckets.get(bucket);
    if (entries == null) {
      return 0;
    }
    entries.forEach(aggregate::add);
    return 1;
  }

  private int removeBucket(A aggregate, long bucket) throws Exception {
    List<E> entries = buckets.get(bucket);
    if (entries == null) {
      return 0;
    }
    entries.forEach(aggregate::remove);
    return 1;
  }

  private void scheduleNext(long now, OnTimerContext ctx) throws Exception {
    Long newest = newestBucket.value();
    long next = now + tickMs;
    // Keep ticking while the next window still holds a bucket; the tick at which the window
    // becomes empty is written once, so the wall board does not go stale.
    if (newest != null && newest + windowMs >= next) {
      ctx.timerService().registerEventTimeTimer(next);
      nextTick.update(next);
      return;
    }
    nextTick.clear();
    if (newest != null) {
      long purge = newest + windowMs + latenessMs;
      ctx.timerService().registerEventTimeTimer(purge);
      purgeAt.update(purge);
    }
  }

  private void purgeUpTo(long limit) throws Exception {
    Long oldest = oldestBucket.value();
    if (oldest == null || oldest > limit) {
      return;
    }
    Long newest = newestBucket.value();
    for (long b = oldest; b <= limit && b <= newest; b += tickMs) {
      buckets.remove(b);
    }
    if (newest <= limit) {
      oldestBucket.clear();
      newestBucket.clear();
    } else {
      oldestBucket.update(limit + tickMs);
    }
  }

  private void clearAll(String key) {
    sliders.remove(key);
    buckets.clear();
    nextTick.clear();
    purgeAt.clear();
    oldestBucket.clear();
    newestBucket.clear();
    dirtyFrom.clear();
    dirtyTo.clear();
  }
}
