package uk.ambulance.ops.jobs.edge;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import uk.ambulance.ops.events.model.DeadLetter;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;

/** Sends accepted events on and refused records to the dead-letter side output, counting them. */
public class SplitRefused<T> extends ProcessFunction<Inbound<T>, T> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  public static final OutputTag<PipelineSignal> SIGNALS =
      new OutputTag<>("refused-signals", TypeInformation.of(PipelineSignal.class));

  private final String stream;

  public SplitRefused(String stream) {
    this.stream = stream;
  }

  @Override
  public void processElement(Inbound<T> in, Context ctx, Collector<T> out) {
    if (in.isAccepted()) {
      out.collect(in.event);
    } else {
      ctx.output(DEAD_LETTERS, in.deadLetter);
      ctx.output(SIGNALS, PipelineSignal.rejected(stream));
    }
  }
}
