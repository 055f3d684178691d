package uk.ambulance.ops.jobs.response;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.stats.SortedSample;
import uk.ambulance.ops.jobs.window.Aggregate;
import uk.ambulance.ops.jobs.window.WindowAggregation;

/** The response times of a window, sorted, so any centile is exact. */
public final class ResponseSample extends SortedSample implements Aggregate<WindowEntry> {
  /**
   * {@code response_times}, keyed by category and area: the count, mean and exact 90th centile of
   * the incidents whose clock stopped in the window.
   */
  public static WindowAggregation<WindowEntry, ResponseSample> window(CentileDefinition centile) {
    return new WindowAggregation<>(
        TypeInformation.of(WindowEntry.class),
        ResponseSample::new,
        (key, label, timeMs, sample) ->
            ResponseTimePoints.point(key, label, timeMs, sample, centile));
  }

  @Override
  public void add(WindowEntry entry) {
    add(entry.responseMs(), entry.provisional());
  }

  @Override
  public void remove(WindowEntry entry) {
    remove(entry.responseMs(), entry.provisional());
  }
}
