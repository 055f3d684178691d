package uk.ambulance.ops.jobs.outcomes;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.window.WindowAggregation;

/** {@code outcomes} of the incidents closed in the window, keyed by area. */
public record OutcomesWindow() implements WindowAggregation<OutcomeEntry, OutcomeCounts> {

  @Override
  public TypeInformation<OutcomeEntry> entryType() {
    return TypeInformation.of(OutcomeEntry.class);
  }

  @Override
  public OutcomeCounts newAggregate() {
    return new OutcomeCounts();
  }

  @Override
  public InfluxPoint point(String area, String windowLabel, long timeMs, OutcomeCounts window) {
    return window.point(area, windowLabel, timeMs);
  }
}
