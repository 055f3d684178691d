package uk.ambulance.ops.jobs.atrisk;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Keyed by area (or ALL): keeps the latest of each point the at-risk figures read ({@link
 * AtRiskReadings}, a dozen small slots per area) and, at each tick of event time after one arrived,
 * writes {@code standard_at_risk} for each category with both standards.
 */
public class StandardAtRiskFunction extends KeyedProcessFunction<String, InfluxPoint, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final AtRiskSettings settings;
  private final CentileDefinition centile;
  private transient MapState<String, double[]> slots;

  public StandardAtRiskFunction(AtRiskSettings settings, CentileDefinition centile) {
    this.settings = settings;
    this.centile = centile;
  }

  @Override
  public void open(OpenContext openContext) {
    slots =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "at-risk-slots",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
  }

  @Override
  public void processElement(InfluxPoint point, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    String slot = AtRiskReadings.slot(point);
    double[] known = slot == null ? null : slots.get(slot);
    if (slot == null || (known != null && known[0] > point.timeMillis())) {
      return; // a rewrite of an older tick: the latest reading stands
    }
    slots.put(slot, AtRiskReadings.values(point));
    ctx.timerService()
        .registerEventTimeTimer(Ticks.atOrAfter(point.timeMillis(), settings.tick().toMillis()));
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    Map<String, double[]> latest = new HashMap<>();
    for (Map.Entry<String, double[]> e : slots.entries()) {
      latest.put(e.getKey(), e.getValue());
    }
    for (ReportingCategory category : AtRiskSettings.CATEGORIES) {
      DayState day = AtRiskReadings.dayState(latest, category, t, settings);
      if (day != null) {
        AtRiskPoints.of(t, ctx.getCurrentKey(), category, day, centile).forEach(out::collect);
      }
    }
  }
}
