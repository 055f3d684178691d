package uk.ambulance.ops.jobs.outcomes;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.events.Metrics.Outcomes;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.window.Aggregate;
import uk.ambulance.ops.jobs.window.WindowAggregation;

/**
 * How the incidents closed in a window ended. A call closed as a duplicate is another call about an
 * incident already counted, so it is not an incident (as in the national statistics); {@code
 * incidents} counts every other closure, so cancelled calls are the remainder after hear and treat,
 * see and treat and conveyed.
 */
public final class OutcomeCounts implements Aggregate<OutcomeEntry> {
  /** {@code outcomes} of the incidents closed in the window, keyed by area. */
  public static WindowAggregation<OutcomeEntry, OutcomeCounts> window() {
    return new WindowAggregation<>(
        TypeInformation.of(OutcomeEntry.class),
        OutcomeCounts::new,
        (area, label, timeMs, counts) -> counts.point(area, label, timeMs));
  }

  private long incidents;
  private long hearAndTreat;
  private long seeAndTreat;
  private long conveyed;

  @Override
  public void add(OutcomeEntry entry) {
    count(entry.outcome(), 1);
  }

  @Override
  public void remove(OutcomeEntry entry) {
    count(entry.outcome(), -1);
  }

  private void count(Outcome outcome, int sign) {
    if (outcome == Outcome.DUPLICATE) {
      return;
    }
    incidents += sign;
    switch (outcome) {
      case HEAR_AND_TREAT -> hearAndTreat += sign;
      case SEE_AND_TREAT -> seeAndTreat += sign;
      case CONVEYED_ED, CONVEYED_OTHER -> conveyed += sign;
      case CANCELLED, DUPLICATE -> {}
    }
  }

  InfluxPoint point(String area, String window, long timeMs) {
    return InfluxPoint.builder(Outcomes.MEASUREMENT, timeMs)
        .tag(Outcomes.TAG_AREA, area)
        .tag(Outcomes.TAG_WINDOW, window)
        .field(Outcomes.INCIDENTS, incidents)
        .field(Outcomes.HEAR_AND_TREAT, hearAndTreat)
        .field(Outcomes.SEE_AND_TREAT, seeAndTreat)
        .field(Outcomes.CONVEYED, conveyed)
        .build();
  }
}
