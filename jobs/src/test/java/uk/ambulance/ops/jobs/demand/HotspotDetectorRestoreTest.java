package uk.ambulance.ops.jobs.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * A savepoint of the old detector, which kept every recent call time under the London key, restores
 * into the London scorer: its timer still fires, the recent times are learned into the cells'
 * shares once out of the windows, as the old detector would have, and leave the state.
 */
class HotspotDetectorRestoreTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = Instant.parse("2026-04-06T12:00:00Z").toEpochMilli();
  private static final Duration TICK = Duration.ofSeconds(10);
  private static final DemandSettings SETTINGS = JobSettings.defaults().demand();
  private static final String[] CELLS = {"88194ad30dfffff", "88194ad093fffff", "88194ad091fffff"};

  @Test
  void theOldRecentCallsAreLearnedAndLeaveTheState() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Call, InfluxPoint> old =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new OldHotspotDetector(TICK, SETTINGS), c -> DemandPipeline.LONDON, Types.STRING);
    for (int i = 0; i < 12; i++) {
      Call c = new Call(T0 + i * 5 * MINUTE, "ALL", CELLS[i % CELLS.length]);
      old.processElement(new StreamRecord<>(c, c.timeMs()));
    }
    old.processWatermark(T0 + 30 * MINUTE);
    OperatorSubtaskState savepoint = old.snapshot(1, T0);

    KeyedTwoInputStreamOperatorTestHarness<String, Call, CellCountChange, InfluxPoint> restored =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new HotspotDetector(TICK, SETTINGS)),
            c -> DemandPipeline.LONDON,
            c -> DemandPipeline.LONDON,
            Types.STRING);
    restored.setup();
    restored.initializeState(savepoint);
    restored.open();
    assertThat(restored.numEventTimeTimers()).as("the old tick timer").isEqualTo(1);
    assertThat(recent(restored).isEmpty()).as("the old recent times, restored").isFalse();

    long end = T0 + 3 * 60 * MINUTE;
    old.processWatermark(end);
    restored.processBothWatermarks(new Watermark(end));
    assertThat(restored.numEventTimeTimers()).isZero();
    assertThat(old.numEventTimeTimers()).isZero();
    assertThat(recent(restored).isEmpty()).isTrue();
    Map<String, double[]> learned = weights(restored);
    Map<String, double[]> wouldHave = weights(old);
    assertThat(learned.keySet()).containsExactlyInAnyOrder(CELLS);
    assertThat(learned.keySet()).isEqualTo(wouldHave.keySet());
    for (String cell : CELLS) {
      assertThat(learned.get(cell)[1]).isEqualTo(wouldHave.get(cell)[1]);
      assertThat(learned.get(cell)[0]).isCloseTo(wouldHave.get(cell)[0], within(1e-12));
    }
    assertThat(restored.numKeyedStateEntries())
        .as("state entries, as the old detector leaves them")
        .isEqualTo(old.numKeyedStateEntries());
    old.close();
    restored.close();
  }

  private static MapState<String, List<Long>> recent(AbstractStreamOperatorTestHarness<?> h)
      throws Exception {
    return state(h, new MapStateDescriptor<>("recent", Types.STRING, Types.LIST(Types.LONG)));
  }

  /** Each cell's learned {weight, as of}. */
  private static Map<String, double[]> weights(AbstractStreamOperatorTestHarness<?> h)
      throws Exception {
    Map<String, double[]> weights = new TreeMap<>();
    MapState<String, double[]> state =
        state(
            h,
            new MapStateDescriptor<>(
                "cell-weights",
                Types.STRING,
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    for (Map.Entry<String, double[]> e : state.entries()) {
      weights.put(e.getKey(), e.getValue());
    }
    return weights;
  }

  private static <K, V> MapState<K, V> state(
      AbstractStreamOperatorTestHarness<?> h, MapStateDescriptor<K, V> descriptor)
      throws Exception {
    KeyedStateBackend<Object> backend =
        ((AbstractStreamOperator<?>) h.getOperator()).getKeyedStateBackend();
    backend.setCurrentKey(DemandPipeline.LONDON);
    return backend.getPartitionedState(
        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
  }
}
