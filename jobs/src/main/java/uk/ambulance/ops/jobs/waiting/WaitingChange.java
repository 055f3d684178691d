package uk.ambulance.ops.jobs.waiting;

import uk.ambulance.ops.events.model.Category;

/**
 * A call starting or stopping to wait, for one scope ({@code area} or {@code ALL}): categorised, no
 * vehicle arrived, not closed. An upgrade while waiting retracts the call from its old category and
 * inserts it in the new one.
 */
public record WaitingChange(
    String incidentId, Category category, String area, long clockStartMs, boolean retract) {

  public String key() {
    return category.name() + "|" + area;
  }
}
