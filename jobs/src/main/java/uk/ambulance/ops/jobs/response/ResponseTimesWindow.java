package uk.ambulance.ops.jobs.response;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.window.WindowAggregation;

/**
 * {@code response_times}, keyed by category and area: the count, mean and exact 90th centile of the
 * incidents whose clock stopped in the window.
 */
public record ResponseTimesWindow(CentileDefinition centile)
    implements WindowAggregation<WindowEntry, ResponseSample> {

  @Override
  public TypeInformation<WindowEntry> entryType() {
    return TypeInformation.of(WindowEntry.class);
  }

  @Override
  public ResponseSample newAggregate() {
    return new ResponseSample();
  }

  @Override
  public InfluxPoint point(String key, String windowLabel, long timeMs, ResponseSample window) {
    return ResponseTimePoints.point(key, windowLabel, timeMs, window.stats(centile), centile);
  }
}
