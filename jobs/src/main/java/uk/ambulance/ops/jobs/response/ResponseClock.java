package uk.ambulance.ops.jobs.response;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.ReportingCategory;

/**
 * The response clock of the Ambulance Response Programme, as set out in the domain brief:
 *
 * <ul>
 *   <li>Start: the earliest of the first categorisation, the first assignment, and the connection
 *       plus the start cap of the first category.
 *   <li>Stop: C1, the first arrival of any vehicle. C2 to C4, the first transport-capable arrival
 *       for a conveyed patient, otherwise the first arrival of any kind. C1T (conveyed C1 only),
 *       the first transport-capable arrival.
 *   <li>Counted in the category in force at the clock stop. Which rule finds the stop is decided by
 *       the category in force at the first arrival, so an upgrade to C1 after a crew is on scene
 *       does not move the stop back to that first arrival.
 *   <li>Not measured: no categorisation yet, no arrival yet, hear and treat.
 * </ul>
 *
 * A conveyed patient whose transport-capable arrival never came in is timed to the first arrival,
 * the only stop the data supports.
 */
public final class ResponseClock {
  private final ClockRules rules;

  public ResponseClock(ClockRules rules) {
    this.rules = rules;
  }

  public List<ResponseMeasurement> measure(IncidentTimeline t) {
    Arrival first = t.firstArrival();
    if (!t.isCategorised() || first == null || t.outcome == Outcome.HEAR_AND_TREAT) {
      return List.of();
    }
    long start = clockStart(t);
    boolean provisional = !t.isClosed();
    Category highest = t.highestCategory();
    Arrival firstTransport = t.firstTransportCapableArrival();
    boolean conveyed = t.conveyed();

    // The category in force at the first arrival decides which rule finds the stop.
    Arrival stop;
    if (t.categoryAt(first.timeMs()) == Category.C1) {
      stop = first;
    } else {
      stop = conveyed && firstTransport != null ? firstTransport : first;
    }
    Category counted = t.categoryAt(stop.timeMs());
    List<ResponseMeasurement> out = new ArrayList<>(2);
    out.add(
        new ResponseMeasurement(
            ReportingCategory.of(counted), highest, t.area, start, stop.timeMs(), provisional));
    if (counted == Category.C1 && conveyed && firstTransport != null) {
      out.add(
          new ResponseMeasurement(
              ReportingCategory.C1T, highest, t.area, start, firstTransport.timeMs(), provisional));
    }
    return out;
  }

  long clockStart(IncidentTimeline t) {
    CategoryChange identified = t.firstCategorisation();
    long start = identified.timeMs();
    if (t.firstAssignedMs != null) {
      start = Math.min(start, t.firstAssignedMs);
    }
    if (t.connectedMs != null) {
      start = Math.min(start, t.connectedMs + rules.startCapMillis(identified.category()));
    }
    return start;
  }
}
