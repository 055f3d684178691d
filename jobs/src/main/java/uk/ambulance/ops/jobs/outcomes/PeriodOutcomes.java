package uk.ambulance.ops.jobs.outcomes;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.window.CalendarPeriod;
import uk.ambulance.ops.jobs.window.PeriodWindowFunction;

/** {@code outcomes} for today or month to date, keyed by area. */
public class PeriodOutcomes
    extends PeriodWindowFunction<OutcomeChange, OutcomeEntry, OutcomeCounts> {
  private static final long serialVersionUID = 1L;

  public PeriodOutcomes(CalendarPeriod period, Duration tick, Duration allowedLateness) {
    super(TypeInformation.of(OutcomeEntry.class), period, tick, allowedLateness);
  }

  @Override
  protected OutcomeCounts newAggregate() {
    return new OutcomeCounts();
  }

  @Override
  protected InfluxPoint point(String area, long timeMs, OutcomeCounts window) {
    return window.point(area, period.windowLabel(), timeMs);
  }
}
