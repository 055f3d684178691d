package uk.ambulance.ops.jobs.outcomes;

import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.jobs.window.WindowChange;

/**
 * An incident's closure counted (or, when a later closure corrects it, retracted) for one scope: an
 * area code or {@code ALL}. Outcomes are placed in windows by the time of closure.
 */
public record OutcomeChange(
    String incidentId, String area, long closedMs, Outcome outcome, boolean retract)
    implements WindowChange<OutcomeEntry> {

  /** Closures come from the CAD feed. */
  @Override
  public String stream() {
    return Topics.CAD_INCIDENTS;
  }

  @Override
  public String windowKey() {
    return area;
  }

  @Override
  public long timeMs() {
    return closedMs;
  }

  @Override
  public OutcomeEntry entry() {
    return new OutcomeEntry(incidentId, outcome);
  }
}
