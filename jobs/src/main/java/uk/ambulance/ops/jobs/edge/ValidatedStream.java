package uk.ambulance.ops.jobs.edge;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import uk.ambulance.ops.events.model.DeadLetter;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.pipeline.SignalSums;

/**
 * An input stream through the edge every input takes: source with its watermarks, refused records
 * split off as dead letters, repeated eventIds dropped (per {@code entity}, the key its topic is
 * partitioned by, so a retry meets its original), and the counts of all three.
 */
public record ValidatedStream<T>(
    DataStream<T> unique,
    DataStream<DeadLetter> deadLetters,
    DataStream<PipelineSignal> signals,
    KeySelector<T, String> entity) {

  /**
   * The unique events as they leave the de-duplication, already partitioned by entity: an operator
   * keyed the same way runs in the same thread, without a network hop.
   */
  public KeyedStream<T, String> keyedUnique() {
    return DataStreamUtils.reinterpretAsKeyedStream(unique, entity);
  }

  /**
   * The edge for one topic. {@code clock}, if not null, is a stream without elements whose
   * watermarks also drive the de-duplication: a feed that can fall silent for long then still has a
   * clock, and so does what is keyed by {@code entity} after it, read with {@link #keyedUnique}.
   */
  public static <T> ValidatedStream<T> of(
      StreamExecutionEnvironment env,
      Source<Inbound<T>, ?, ?> source,
      WatermarkStrategy<Inbound<T>> watermarks,
      String topic,
      Class<T> eventClass,
      KeySelector<T, String> entity,
      DropDuplicateEvents.EventId<T> eventId,
      DropDuplicateEvents.EventTime<T> eventTime,
      Duration dedupMemory,
      DataStream<T> clock) {
    String id = topic.replace('.', '-');
    SingleOutputStreamOperator<T> accepted =
        env.fromSource(source, watermarks, "source: " + topic)
            .uid("source-" + id)
            .process(new SplitRefused<T>(topic))
            .returns(eventClass)
            .name("validate " + topic)
            .uid("validate-" + id);
    SingleOutputStreamOperator<T> unique =
        (clock == null ? accepted : accepted.union(clock))
            .keyBy(entity)
            .process(new DropDuplicateEvents<T>(topic, dedupMemory, eventTime, eventId))
            .returns(eventClass)
            .name("drop duplicate " + topic)
            .uid("dedup-" + id);
    // One signal per record leaves the de-duplication; summed in its thread, few go further.
    DataStream<PipelineSignal> uniqueSignals =
        unique
            .getSideOutput(DropDuplicateEvents.SIGNALS)
            .transform(
                "sum signals of " + topic,
                TypeInformation.of(PipelineSignal.class),
                new SignalSums(SignalSums.MAX_DELAY))
            .uid("signal-sums-" + id);
    return new ValidatedStream<>(
        unique,
        accepted.getSideOutput(SplitRefused.DEAD_LETTERS),
        accepted.getSideOutput(SplitRefused.SIGNALS).union(uniqueSignals),
        entity);
  }
}
