package uk.ambulance.ops.jobs.edge;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;

/**
 * Keyed by {@code eventId}: passes the first copy of each event and drops the rest, because a
 * producer that retries sends the same {@code eventId} again. The memory of an id lasts {@code
 * memory} (state TTL, processing time): long enough to cover a producer's retries and a replay's
 * overlap, short enough to keep the state bounded on a stream of millions of positions.
 */
public class DropDuplicateEvents<T> extends KeyedProcessFunction<String, T, T> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<PipelineSignal> SIGNALS =
      new OutputTag<>("dedup-signals", TypeInformation.of(PipelineSignal.class));

  /** Reads an event's time, for the lag figure; a serialisable lambda. */
  public interface EventTime<T> extends java.io.Serializable {
    long millis(T event);
  }

  private final String stream;
  private final Duration memory;
  private final EventTime<T> eventTime;
  private transient ValueState<Boolean> seen;

  public DropDuplicateEvents(String stream, Duration memory, EventTime<T> eventTime) {
    this.stream = stream;
    this.memory = memory;
    this.eventTime = eventTime;
  }

  @Override
  public void open(OpenContext openContext) {
    var descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(memory).build());
    seen = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
    if (seen.value() != null) {
      ctx.output(SIGNALS, PipelineSignal.duplicate(stream));
      return;
    }
    seen.update(Boolean.TRUE);
    ctx.output(SIGNALS, PipelineSignal.accepted(stream, eventTime.millis(event)));
    out.collect(event);
  }
}
