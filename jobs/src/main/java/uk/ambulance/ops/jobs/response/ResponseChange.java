package uk.ambulance.ops.jobs.response;

import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.window.WindowChange;

/**
 * An insertion or retraction of one incident's measurement, for one scope ({@code area}: an area
 * code or {@code ALL}). A correction (the clock stop moved when the incident closed, a late upgrade
 * changed the counting category) is a retraction of the old value and an insertion of the new,
 * possibly under another category.
 */
public record ResponseChange(
    String incidentId,
    ReportingCategory category,
    String area,
    long clockStopMs,
    long responseMs,
    boolean provisional,
    boolean retract)
    implements WindowChange<WindowEntry> {

  public static ResponseChange insert(String incidentId, String area, ResponseMeasurement m) {
    return new ResponseChange(
        incidentId, m.category(), area, m.clockStopMs(), m.responseMs(), m.provisional(), false);
  }

  public static ResponseChange retract(String incidentId, String area, ResponseMeasurement m) {
    return new ResponseChange(
        incidentId, m.category(), area, m.clockStopMs(), m.responseMs(), m.provisional(), true);
  }

  /** Clock starts and stops come from the CAD feed. */
  @Override
  public String stream() {
    return Topics.CAD_INCIDENTS;
  }

  /** The key of the window this change belongs to. */
  @Override
  public String windowKey() {
    return category.name() + "|" + area;
  }

  /** Response times are placed in windows by their clock stop. */
  @Override
  public long timeMs() {
    return clockStopMs;
  }

  @Override
  public WindowEntry entry() {
    return new WindowEntry(incidentId, responseMs, provisional);
  }
}
