package uk.ambulance.ops.jobs.atrisk;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Keyed by area (or ALL): keeps the latest of each point the at-risk figures read ({@link
 * AtRiskReadings}, a dozen small slots per area) and, at each tick of event time after one arrived,
 * writes {@code standard_at_risk} for each category with both standards.
 *
 * <p>The points come from operators that run ahead of one another (a replay reads hours ahead on
 * one input while another lags), so a point waits in its tick's bucket until the watermark passes
 * that tick: a tick's figures read only points of that tick or earlier.
 */
public class StandardAtRiskFunction extends KeyedProcessFunction<String, InfluxPoint, InfluxPoint> {
  private static final long serialVersionUID = 1L;

  private final AtRiskSettings settings;
  private final CentileDefinition centile;

  /** Per slot, the latest reading at or before the last tick written. */
  private transient MapState<String, double[]> current;

  /** Per {@code tick/slot}, the latest reading of that tick, until the tick is written. */
  private transient MapState<String, double[]> pending;

  /** The last tick written. */
  private transient ValueState<Long> written;

  public StandardAtRiskFunction(AtRiskSettings settings, CentileDefinition centile) {
    this.settings = settings;
    this.centile = centile;
  }

  @Override
  public void open(OpenContext openContext) {
    // A few keys (the areas and ALL), each a dozen slots: bounded without a TTL.
    KeyedStates states = KeyedStates.withoutTtl(getRuntimeContext());
    current = states.map("at-risk-current", Types.STRING, READING);
    pending = states.map("at-risk-pending", Types.STRING, READING);
    written = states.time("at-risk-written");
  }

  private static final TypeInformation<double[]> READING =
      PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO;

  @Override
  public void processElement(InfluxPoint point, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    String slot = AtRiskReadings.slot(point);
    if (slot == null) {
      return;
    }
    long tick = Ticks.atOrAfter(point.timeMillis(), settings.tick().toMillis());
    String key = tick + "/" + slot;
    double[] known = pending.get(key);
    if (known == null || known[0] <= point.timeMillis()) {
      pending.put(key, AtRiskReadings.values(point));
    }
    ctx.timerService().registerEventTimeTimer(tick);
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    Map<String, double[]> latest = new HashMap<>();
    for (String slot : AtRiskReadings.SLOTS) {
      double[] reading = pending.get(t + "/" + slot);
      double[] known = current.get(slot);
      if (reading != null) {
        pending.remove(t + "/" + slot);
        if (known == null || known[0] <= reading[0]) {
          current.put(slot, reading);
          known = reading; // a rewrite of an older tick, arriving late, leaves the newer reading
        }
      }
      if (known != null) {
        latest.put(slot, known);
      }
    }
    Long last = written.value();
    if (last != null && t <= last) {
      // A rewrite of a tick already written (a correction to today's figures rewrites every tick
      // from the corrected one on): its readings stand for later ticks, which it reaches through
      // the rewrite of the latest tick; writing this one again with today's state would be wrong.
      return;
    }
    written.update(t);
    for (ReportingCategory category : AtRiskSettings.CATEGORIES) {
      DayState day = AtRiskReadings.dayState(latest, category, t, settings);
      if (day != null) {
        AtRiskPoints.of(t, ctx.getCurrentKey(), category, day, centile).forEach(out::collect);
      }
    }
  }
}
