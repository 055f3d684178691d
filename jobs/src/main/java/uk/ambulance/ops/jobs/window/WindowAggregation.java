package uk.ambulance.ops.jobs.window;

import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * What a window ({@link RollingWindowFunction}, {@link PeriodWindowFunction}) keeps of its entries
 * and how it writes them: the one thing a measurement's windows differ in, so that its last hour,
 * today and month to date are the same function given different spans.
 */
public interface WindowAggregation<E, A extends Aggregate<E>> extends Serializable {
  /** The entries' type, as they are kept in state. */
  TypeInformation<E> entryType();

  /** A new, empty aggregate. */
  A newAggregate();

  /** The point for {@code key} at {@code timeMs}, from the window's aggregate. */
  InfluxPoint point(String key, String windowLabel, long timeMs, A window);
}
