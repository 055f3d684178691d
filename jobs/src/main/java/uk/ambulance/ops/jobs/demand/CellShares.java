package uk.ambulance.ops.jobs.demand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import uk.ambulance.ops.jobs.state.KeyedStates;

/**
 * Each cell's share of London's calls, learned with exponentially decaying weights and starting
 * from an even prior: share = (w + prior / cells) / (W + prior), where w is the cell's decayed
 * count of past calls and W the sum over all cells. A cell whose weight has decayed below {@link
 * #NEGLIGIBLE} is forgotten: its share is then the prior's to within a thousandth of a call.
 */
final class CellShares {
  static final double NEGLIGIBLE = 1e-3;
  private static final TypeInformation<double[]> DOUBLES =
      PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO;

  private final double halfLifeMs;
  private final double priorCalls;
  private final int cells;

  /** Per cell: {weight, as of millis}. */
  private final MapState<String, double[]> weights;

  private final ValueState<double[]> total;

  CellShares(KeyedStates states, DemandSettings settings) {
    this.halfLifeMs = settings.cellShareHalfLife().toMillis();
    this.priorCalls = settings.cellPriorCalls();
    this.cells = settings.cells();
    this.weights = states.map("cell-weights", Types.STRING, DOUBLES);
    this.total = states.value("total-weight", DOUBLES);
  }

  private double decayed(double[] weightAt, long t) {
    return weightAt == null ? 0 : weightAt[0] * Math.pow(0.5, (t - weightAt[1]) / halfLifeMs);
  }

  /** Learns from a call at {@code callMs}, as seen at {@code t}. */
  void learn(String cell, long callMs, long t) throws Exception {
    double add = Math.pow(0.5, (t - callMs) / halfLifeMs);
    weights.put(cell, new double[] {decayed(weights.get(cell), t) + add, t});
    total.update(new double[] {decayed(total.value(), t) + add, t});
  }

  double shareAt(String cell, long t) throws Exception {
    return (decayed(weights.get(cell), t) + priorCalls / cells)
        / (decayed(total.value(), t) + priorCalls);
  }

  /** Forgets the cells whose weight no longer matters. */
  void sweep(long t) throws Exception {
    List<String> gone = new ArrayList<>();
    double removed = 0;
    for (Map.Entry<String, double[]> e : weights.entries()) {
      double w = decayed(e.getValue(), t);
      if (w < NEGLIGIBLE) {
        gone.add(e.getKey());
        removed += w;
      }
    }
    for (String cell : gone) {
      weights.remove(cell);
    }
    if (total.value() != null) {
      total.update(new double[] {Math.max(0, decayed(total.value(), t) - removed), t});
    }
  }
}
