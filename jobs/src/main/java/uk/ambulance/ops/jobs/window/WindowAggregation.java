package uk.ambulance.ops.jobs.window;

import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * What a window ({@link RollingWindowFunction}, {@link PeriodWindowFunction}) keeps of its entries
 * and how it writes them: the one thing a measurement's windows differ in, so that its last hour,
 * today and month to date are the same functions given different spans.
 *
 * @param entryType the entries' type, as they are kept in state
 * @param empty makes a new, empty aggregate
 * @param writer writes the point for a key at a time, from the window's aggregate
 */
public record WindowAggregation<E, A extends Aggregate<E>>(
    TypeInformation<E> entryType, NewAggregate<A> empty, PointOf<A> writer)
    implements Serializable {

  public A newAggregate() {
    return empty.get();
  }

  public InfluxPoint point(String key, String windowLabel, long timeMs, A window) {
    return writer.point(key, windowLabel, timeMs, window);
  }

  /** A new, empty aggregate. */
  public interface NewAggregate<A> extends Serializable {
    A get();
  }

  /**
   * The point for {@code key} at {@code timeMs} with the {@code window} tag {@code windowLabel}.
   */
  public interface PointOf<A> extends Serializable {
    InfluxPoint point(String key, String windowLabel, long timeMs, A window);
  }
}
