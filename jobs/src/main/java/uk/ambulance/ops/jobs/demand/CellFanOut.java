package uk.ambulance.ops.jobs.demand;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each London call to the counter of its own cell and to the counters of its six neighbours:
 * a major incident's count is a cell's disk (the cell and its neighbours), and a call in cell x is
 * in the disk of exactly the cells of x's own disk. So each counter sees every call it needs, and
 * cells can be counted apart, in parallel.
 */
public class CellFanOut extends RichFlatMapFunction<Call, CellCall> {
  private static final long serialVersionUID = 1L;

  private transient HexGrid grid;

  @Override
  public void open(OpenContext openContext) {
    grid = new HexGrid();
  }

  @Override
  public void flatMap(Call call, Collector<CellCall> out) {
    for (String centre : grid.neighbourhood(call.cell())) {
      out.collect(new CellCall(centre, call.timeMs(), centre.equals(call.cell())));
    }
  }
}
