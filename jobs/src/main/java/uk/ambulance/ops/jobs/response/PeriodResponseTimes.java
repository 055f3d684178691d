package uk.ambulance.ops.jobs.response;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.window.CalendarPeriod;
import uk.ambulance.ops.jobs.window.PeriodWindowFunction;

/** {@code response_times} for today or month to date, keyed by category and area. */
public class PeriodResponseTimes
    extends PeriodWindowFunction<ResponseChange, WindowEntry, ResponseSample> {
  private static final long serialVersionUID = 1L;

  private final CentileDefinition centile;

  public PeriodResponseTimes(
      CalendarPeriod period, Duration tick, Duration allowedLateness, CentileDefinition centile) {
    super(TypeInformation.of(WindowEntry.class), period, tick, allowedLateness);
    this.centile = centile;
  }

  @Override
  protected ResponseSample newAggregate() {
    return new ResponseSample();
  }

  @Override
  protected InfluxPoint point(String key, long timeMs, ResponseSample window) {
    return ResponseTimePoints.point(key, period.windowLabel(), timeMs, window, centile);
  }
}
