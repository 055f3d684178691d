package uk.ambulance.ops.jobs.response;

import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.ReportingCategory;

/**
 * One incident's response time in one reporting category. {@code provisional} until the incident
 * closes, because conveyance (which can move the clock stop) is often known only then. {@code area}
 * is null when the incident's location never arrived.
 */
public record ResponseMeasurement(
    ReportingCategory category,
    Category highestCategory,
    Area area,
    long clockStartMs,
    long clockStopMs,
    boolean provisional) {

  public long responseMs() {
    return clockStopMs - clockStartMs;
  }
}
