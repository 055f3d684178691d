package uk.ambulance.ops.jobs.waiting;

import uk.ambulance.ops.events.model.Category;

/**
 * A call's wait, for one scope ({@code area} or {@code ALL}): from its clock start until the first
 * arrival or the closure ({@code endMs}, {@code Long.MAX_VALUE} while it still waits), in the queue
 * of its current category. When the wait ends, or the call is upgraded, the old interval is
 * retracted and the new one inserted.
 */
public record WaitingChange(
    String incidentId,
    Category category,
    String area,
    long clockStartMs,
    long endMs,
    boolean retract) {

  public String key() {
    return category.name() + "|" + area;
  }
}
