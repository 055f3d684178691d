package uk.ambulance.ops.jobs.response;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.model.Category;

/**
 * Cuts a call's wait at its categorisations: one stretch per category in force, the first category
 * also covering any wait before the first categorisation (the clock can start at an assignment or
 * at the connection's cap).
 */
final class WaitStretches {
  /** The call waits in {@code category}'s queue from {@code fromMs} until {@code endMs}. */
  record Stretch(Category category, long fromMs, long endMs) {}

  private WaitStretches() {}

  /** {@code changes} sorted by time, not empty; an empty wait has no stretch. */
  static List<Stretch> of(List<CategoryChange> changes, long startMs, long endMs) {
    List<Stretch> out = new ArrayList<>(1);
    Category current = changes.get(0).category();
    long from = startMs;
    for (CategoryChange change : changes) {
      if (change.timeMs() >= endMs) {
        break;
      }
      if (change.timeMs() <= from) {
        current = change.category();
        continue;
      }
      if (change.category() == current) {
        continue;
      }
      out.add(new Stretch(current, from, change.timeMs()));
      current = change.category();
      from = change.timeMs();
    }
    if (endMs > from) {
      out.add(new Stretch(current, from, endMs));
    }
    return out;
  }
}
