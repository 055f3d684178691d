package uk.ambulance.ops.jobs.edge;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Keyed by the entity that sends the events (incident, vehicle, hospital): passes the first copy of
 * each event and drops the rest, because a producer that retries sends the same {@code eventId}
 * again, from the same entity. An event is remembered for {@code memory} of EVENT time after its
 * own time, so state is bounded by what that span holds whether the job runs live or replays a
 * year: one entry per entity ({@link RecentEvents}), forgotten as the watermark passes, with one
 * clean-up timer per entity and hour for entities that fall silent. Processing-time TTL stays only
 * as a safety net.
 */
public class DropDuplicateEvents<T> extends KeyedProcessFunction<String, T, T> {
  private static final long serialVersionUID = 1L;

  /** Clean-up timers of one entity are at whole hours: at most one per hour. */
  private static final long CLEANUP_GRAIN_MS = 3_600_000L;

  public static final OutputTag<PipelineSignal> SIGNALS =
      new OutputTag<>("dedup-signals", TypeInformation.of(PipelineSignal.class));

  /** Reads an event's time; a serialisable lambda. */
  public interface EventTime<T> extends java.io.Serializable {
    long millis(T event);
  }

  /** Reads an event's id; a serialisable lambda. */
  public interface EventId<T> extends java.io.Serializable {
    String of(T event);
  }

  private final String stream;
  private final long memoryMs;
  private final EventTime<T> eventTime;
  private final EventId<T> eventId;
  private transient ValueState<long[]> recent;

  public DropDuplicateEvents(
      String stream, Duration memory, EventTime<T> eventTime, EventId<T> eventId) {
    this.stream = stream;
    this.memoryMs = memory.toMillis();
    this.eventTime = eventTime;
    this.eventId = eventId;
  }

  @Override
  public void open(OpenContext openContext) {
    // Twice the memory in wall-clock time: a replay runs far faster than that, and live a watermark
    // that stalls for so long has bigger problems than a few remembered ids.
    recent =
        KeyedStates.withSafetyNet(getRuntimeContext(), Duration.ofMillis(2 * memoryMs))
            .value("recent-events", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    // Earlier versions kept one "seen" flag per eventId under a wall-clock TTL. Registered, never
    // read, so that a restored savepoint's flags leave the snapshots once that TTL has passed.
    KeyedStates.withSafetyNet(getRuntimeContext(), Duration.ofMillis(memoryMs))
        .value("seen", Types.BOOLEAN);
  }

  @Override
  public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
    long time = eventTime.millis(event);
    long idHash = RecentEvents.hash(eventId.of(event));
    long[] pairs = recent.value();
    if (RecentEvents.contains(pairs, idHash)) {
      ctx.output(SIGNALS, PipelineSignal.duplicate(stream));
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE) {
      pairs = RecentEvents.after(pairs, watermark - memoryMs);
    }
    pairs = RecentEvents.plus(pairs, time, idHash);
    recent.update(pairs);
    scheduleCleanup(RecentEvents.latest(pairs), ctx);
    ctx.output(SIGNALS, PipelineSignal.accepted(stream, time));
    out.collect(event);
  }

  private void scheduleCleanup(long latestTime, Context ctx) {
    long forgetAt = latestTime + memoryMs;
    // Registering the same time again is a no-op: one timer per entity and hour at most.
    ctx.timerService().registerEventTimeTimer(Ticks.after(forgetAt, CLEANUP_GRAIN_MS));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
    long[] pairs = RecentEvents.after(recent.value(), timestamp - memoryMs);
    if (pairs == null) {
      recent.clear();
    } else {
      recent.update(pairs);
    }
  }
}
