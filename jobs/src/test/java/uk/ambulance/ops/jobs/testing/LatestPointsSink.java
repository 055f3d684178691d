package uk.ambulance.ops.jobs.testing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Keeps what InfluxDB would end up holding for one measurement (or every measurement): the last
 * point written for each identity (tags and time). For long runs, where keeping every point written
 * would not fit.
 */
public final class LatestPointsSink implements Sink<InfluxPoint> {
  private static final Map<String, Map<String, InfluxPoint>> STORES = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final String measurement;

  /** {@code measurement} null keeps every measurement, keyed {@code measurement tags@time}. */
  public LatestPointsSink(String measurement) {
    this.measurement = measurement;
    STORES.put(id, new ConcurrentHashMap<>());
  }

  /** The final point per identity, keyed {@code tags@time}. */
  public Map<String, InfluxPoint> latest() {
    return STORES.get(id);
  }

  public static String identity(Map<String, String> tags, long timeMillis) {
    return new java.util.TreeMap<>(tags) + "@" + timeMillis;
  }

  @Override
  public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
    Map<String, InfluxPoint> store = STORES.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(InfluxPoint point, Context context) {
        if (measurement == null) {
          store.put(point.measurement() + " " + identity(point.tags(), point.timeMillis()), point);
        } else if (point.measurement().equals(measurement)) {
          store.put(identity(point.tags(), point.timeMillis()), point);
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
