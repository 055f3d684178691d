package uk.ambulance.ops.jobs.response;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.window.RollingWindowFunction;

/**
 * {@code response_times} over a sliding window (the last hour), keyed by category and area: the
 * count, mean and exact 90th centile of the incidents whose clock stopped in the window.
 */
public class RollingResponseTimes
    extends RollingWindowFunction<ResponseChange, WindowEntry, ResponseSample> {
  private static final long serialVersionUID = 1L;

  private final String windowLabel;
  private final CentileDefinition centile;

  public RollingResponseTimes(
      String windowLabel,
      Duration window,
      Duration tick,
      Duration allowedLateness,
      CentileDefinition centile) {
    super(TypeInformation.of(WindowEntry.class), window, tick, allowedLateness);
    this.windowLabel = windowLabel;
    this.centile = centile;
  }

  @Override
  protected ResponseSample newAggregate() {
    return new ResponseSample();
  }

  @Override
  protected InfluxPoint point(String key, long tick, ResponseSample window) {
    return ResponseTimePoints.point(key, windowLabel, tick, window, centile);
  }
}
