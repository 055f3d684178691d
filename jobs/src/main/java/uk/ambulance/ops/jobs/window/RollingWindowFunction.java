package uk.ambulance.ops.jobs.window;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
import uk.ambulance.ops.jobs.state.TimeBound;
import uk.ambulance.ops.jobs.ticks.Ticks;

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
 * <p>Each key's current window is also kept in memory ({@link WindowSlider}), so that a tick costs
 * two bucket reads, not a whole window's.
 */
public class RollingWindowFunction<C extends WindowChange<E>, E, A extends Aggregate<E>>
    extends KeyedProcessFunction<String, C, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<PipelineSignal> SIGNALS =
      new OutputTag<>("rolling-window-signals", TypeInformation.of(PipelineSignal.class));

  private final WindowAggregation<E, A> aggregation;
  private final String windowLabel;
  private final long windowMs;
  private final long tickMs;
  private final long latenessMs;

  private transient TickBuckets<E> buckets;
  private transient OneTimer nextTick;
  private transient ValueState<Long> purgeAt;

  /** The ticks, at or behind the watermark, that late changes made stale. */
  private transient TimeBound dirtyFrom;

  private transient TimeBound dirtyTo;
  private transient WindowSlider<E, A> slider;

  /** {@code windowLabel}: the points' {@code window} tag. */
  public RollingWindowFunction(
      WindowAggregation<E, A> aggregation,
      String windowLabel,
      Duration window,
      Duration tick,
      Duration allowedLateness) {
    Ticks.requireWhole(
        window.toMillis(), tick.toMillis(), "the window must be a whole number of ticks");
    this.aggregation = aggregation;
    this.windowLabel = windowLabel;
    this.windowMs = window.toMillis();
    this.tickMs = tick.toMillis();
    this.latenessMs = allowedLateness.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    // Safety net only: timers purge buckets long before this.
    KeyedStates states =
        KeyedStates.withSafetyNet(
            getRuntimeContext(), Duration.ofMillis(2 * (windowMs + latenessMs) + 86_400_000L));
    buckets = new TickBuckets<>(states, aggregation.entryType(), tickMs);
    nextTick = states.timer("next-tick");
    purgeAt = states.time("purge-at");
    dirtyFrom = states.earliest("dirty-from");
    dirtyTo = states.latest("dirty-to");
    slider = new WindowSlider<>(windowMs, tickMs, aggregation::newAggregate);
  }

  @Override
  public void processElement(C change, Context ctx, Collector<InfluxPoint> out) throws Exception {
    long bucket = Ticks.atOrAfter(change.timeMs(), tickMs);
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && bucket + windowMs + latenessMs <= watermark) {
      ctx.output(SIGNALS, PipelineSignal.tooLate(change.stream()));
      return;
    }
    boolean newBucket = !buckets.contains(bucket);
    if (!buckets.apply(bucket, change.entry(), change.retract())) {
      return;
    }
    slider.apply(ctx.getCurrentKey(), bucket, newBucket, change.entry(), change.retract());
    if (bucket <= watermark) {
      markDirty(bucket);
    }
    scheduleTick(watermark, bucket, ctx);
  }

  private void markDirty(long bucket) throws Exception {
    dirtyFrom.include(bucket);
    // Up to the tick whose window the bucket has just left: it is written once more, empty or not.
    dirtyTo.include(bucket + windowMs);
  }

  private void scheduleTick(long watermark, long bucket, Context ctx) throws Exception {
    long wanted = bucket > watermark ? bucket : Ticks.after(watermark, tickMs);
    nextTick.noLaterThan(wanted, ctx.timerService());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    if (nextTick.firesAt(timestamp)) {
      writeTicks(ctx.getCurrentKey(), timestamp, out);
      buckets.purgeUpTo(timestamp - windowMs - latenessMs);
      scheduleNext(timestamp, ctx);
    } else if (purgeAt.value() != null && purgeAt.value() == timestamp) {
      purgeAt.clear();
      buckets.purgeUpTo(timestamp - windowMs - latenessMs);
    }
    if (buckets.isEmpty() && nextTick.time() == null) {
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
      WindowSlider.Window<A> window = slider.slideTo(key, t, buckets);
      if ((t <= lastCorrected || t == now) && covered(window, t)) {
        out.collect(aggregation.point(key, windowLabel, t, window.aggregate));
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
  private boolean covered(WindowSlider.Window<A> window, long t) throws Exception {
    return window.buckets > 0 || buckets.contains(t - windowMs);
  }

  private void scheduleNext(long now, OnTimerContext ctx) throws Exception {
    Long newest = buckets.newest();
    long next = now + tickMs;
    // Keep ticking while the next window still holds a bucket; the tick at which the window
    // becomes empty is written once, so the wall board does not go stale.
    if (newest != null && newest + windowMs >= next) {
      nextTick.then(next, ctx.timerService());
      return;
    }
    nextTick.clear();
    if (newest != null) {
      long purge = newest + windowMs + latenessMs;
      ctx.timerService().registerEventTimeTimer(purge);
      purgeAt.update(purge);
    }
  }

  private void clearAll(String key) {
    slider.forget(key);
    buckets.clear();
    nextTick.clear();
    purgeAt.clear();
    dirtyFrom.clear();
    dirtyTo.clear();
  }
}
