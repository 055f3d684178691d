package uk.ambulance.ops.jobs.demand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * The hotspot detector's two stages as the job wires them ({@link DemandPipeline}), in operator
 * harnesses without a cluster: each call fanned out to the cell counters and given to the London
 * scorer; each watermark first to the counters, their changes then to the scorer, then the
 * watermark to the scorer, which is the order Flink keeps (timers fire before the watermark goes
 * on).
 */
final class HotspotStages implements AutoCloseable {
  private final CellFanOut fanOut = new CellFanOut();
  private final KeyedOneInputStreamOperatorTestHarness<String, CellCall, CellCountChange> counts;
  private final KeyedTwoInputStreamOperatorTestHarness<String, Call, CellCountChange, InfluxPoint>
      scorer;
  private final List<CellCountChange> changes = new ArrayList<>();

  HotspotStages(Duration tick, DemandSettings settings) throws Exception {
    fanOut.open(null);
    counts =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new CellCounter(tick, settings), CellCall::centre, Types.STRING);
    scorer =
        ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
            new HotspotDetector(tick, settings),
            c -> DemandPipeline.LONDON,
            c -> DemandPipeline.LONDON,
            Types.STRING);
  }

  void call(Call call) throws Exception {
    List<CellCall> fanned = new ArrayList<>();
    fanOut.flatMap(call, new ListCollector<>(fanned));
    for (CellCall c : fanned) {
      counts.processElement(new StreamRecord<>(c, call.timeMs()));
    }
    scorer.processElement1(new StreamRecord<>(call, call.timeMs()));
  }

  /** The points the watermark brings out. */
  List<InfluxPoint> watermark(long wm) throws Exception {
    counts.processWatermark(wm);
    for (StreamRecord<? extends CellCountChange> r : counts.extractOutputStreamRecords()) {
      changes.add(r.getValue());
      scorer.processElement2(new StreamRecord<>(r.getValue(), r.getTimestamp()));
    }
    counts.getOutput().clear();
    scorer.processBothWatermarks(new Watermark(wm));
    List<InfluxPoint> points = new ArrayList<>(scorer.extractOutputValues());
    scorer.getOutput().clear();
    return points;
  }

  /** Every change the counters sent so far. */
  List<CellCountChange> changes() {
    return changes;
  }

  int counterTimers() {
    return counts.numEventTimeTimers();
  }

  int counterStateEntries() {
    return counts.numKeyedStateEntries();
  }

  int scorerTimers() {
    return scorer.numEventTimeTimers();
  }

  int scorerStateEntries() {
    return scorer.numKeyedStateEntries();
  }

  @Override
  public void close() throws Exception {
    counts.close();
    scorer.close();
  }
}
