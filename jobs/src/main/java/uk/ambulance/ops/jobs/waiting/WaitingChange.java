package uk.ambulance.ops.jobs.waiting;

import uk.ambulance.ops.events.model.Category;

/**
 * One stretch of a call's wait, for one scope ({@code area} or {@code ALL}): the call waits in the
 * queue of {@code category} from {@code fromMs} until {@code endMs} (the next categorisation, the
 * first arrival or the closure; {@code Long.MAX_VALUE} while it still waits), and has waited since
 * its clock start {@code clockStartMs}. A call upgraded while waiting has one stretch per category,
 * so each tick counts it in the queue it was in at that moment, whenever the upgrade is seen. When
 * a stretch changes, the old one is retracted and the new one inserted.
 */
public record WaitingChange(
    String incidentId,
    Category category,
    String area,
    long clockStartMs,
    long fromMs,
    long endMs,
    boolean retract) {

  /** A wait in one category from its clock start. */
  public WaitingChange(
      String incidentId,
      Category category,
      String area,
      long clockStartMs,
      long endMs,
      boolean retract) {
    this(incidentId, category, area, clockStartMs, clockStartMs, endMs, retract);
  }

  public String key() {
    return category.name() + "|" + area;
  }
}
