package uk.ambulance.ops.jobs.response;

import uk.ambulance.ops.jobs.stats.SortedSample;
import uk.ambulance.ops.jobs.window.Aggregate;

/** The response times of a window, sorted, so any centile is exact. */
public final class ResponseSample extends SortedSample implements Aggregate<WindowEntry> {
  @Override
  public void add(WindowEntry entry) {
    add(entry.responseMs(), entry.provisional());
  }

  @Override
  public void remove(WindowEntry entry) {
    remove(entry.responseMs(), entry.provisional());
  }
}
