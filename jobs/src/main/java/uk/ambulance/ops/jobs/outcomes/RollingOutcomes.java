package uk.ambulance.ops.jobs.outcomes;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.window.RollingWindowFunction;

/** {@code outcomes} of the incidents closed in the last hour, keyed by area. */
public class RollingOutcomes
    extends RollingWindowFunction<OutcomeChange, OutcomeEntry, OutcomeCounts> {
  private static final long serialVersionUID = 1L;

  private final String windowLabel;

  public RollingOutcomes(
      String windowLabel, Duration window, Duration tick, Duration allowedLateness) {
    super(TypeInformation.of(OutcomeEntry.class), window, tick, allowedLateness);
    this.windowLabel = windowLabel;
  }

  @Override
  protected OutcomeCounts newAggregate() {
    return new OutcomeCounts();
  }

  @Override
  protected InfluxPoint point(String area, long tick, OutcomeCounts window) {
    return window.point(area, windowLabel, tick);
  }
}
