package uk.ambulance.ops.jobs.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics.Pipeline;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;

/**
 * Keyed by stream: running totals of what the pipeline accepted, refused, de-duplicated and
 * expired, written as {@code pipeline} points every {@code interval} of wall-clock time, and once
 * more when a bounded (replay) run ends. Pipeline health is about now, so these points are stamped
 * with the wall clock: {@code lag_s} is how far the newest event lies behind it, {@code idle_s} how
 * long since the stream's last record arrived (a backlog being read lags, a silent feed idles).
 */
public class PipelineStatsFunction
    extends KeyedProcessFunction<String, PipelineSignal, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final long intervalMs;
  private transient ValueState<PipelineSignal> totals;
  private transient ValueState<Boolean> timersSet;
  private transient ValueState<Long> lastSeen;

  public PipelineStatsFunction(Duration interval) {
    this.intervalMs = interval.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    KeyedStates states = KeyedStates.withoutTtl(getRuntimeContext());
    totals = states.value("totals", TypeInformation.of(PipelineSignal.class));
    timersSet = states.value("timers-set", Types.BOOLEAN);
    lastSeen = states.time("last-seen");
  }

  @Override
  public void processElement(PipelineSignal signal, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    PipelineSignal current = totals.value();
    totals.update(current == null ? signal : current.plus(signal));
    lastSeen.update(ctx.timerService().currentProcessingTime());
    if (timersSet.value() == null) {
      long now = ctx.timerService().currentProcessingTime();
      ctx.timerService().registerProcessingTimeTimer(now - now % intervalMs + intervalMs);
      // Fires only when the input ends: the last word of a replay.
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      timersSet.update(Boolean.TRUE);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().registerProcessingTimeTimer(timestamp + intervalMs);
    }
    out.collect(point(totals.value(), lastSeen.value(), now));
  }

  static InfluxPoint point(PipelineSignal t, Long lastSeenMs, long nowMs) {
    InfluxPoint.Builder b =
        InfluxPoint.builder(Pipeline.MEASUREMENT, nowMs)
            .tag(Pipeline.TAG_STREAM, t.stream())
            .field(Pipeline.EVENTS, t.events())
            .field(Pipeline.REJECTED, t.rejected())
            .field(Pipeline.DUPLICATES, t.duplicates())
            .field(Pipeline.EXPIRED, t.expired())
            .field(Pipeline.TOO_LATE, t.tooLate());
    if (t.maxEventTimeMs() != Long.MIN_VALUE) {
      b.field(Pipeline.LAG_S, Math.max(0, nowMs - t.maxEventTimeMs()) / 1000.0);
    }
    if (lastSeenMs != null) { // absent in state restored from before it was kept
      b.field(Pipeline.IDLE_S, Math.max(0, nowMs - lastSeenMs) / 1000.0);
    }
    return b.build();
  }
}
