package uk.ambulance.ops.jobs.points;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One InfluxDB point. Its identity is (measurement, tags, time): writing the same identity again
 * overwrites the fields, which is what makes replays and restarts from a checkpoint idempotent.
 * Field values are {@link Long} (written as integers), {@link Double}, {@link Boolean} or {@link
 * String}.
 */
@TypeInfo(InfluxPointTypeInfo.Factory.class)
public record InfluxPoint(
    String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMillis)
    implements Serializable {

  public InfluxPoint {
    if (measurement == null || measurement.isEmpty()) {
      throw new IllegalArgumentException("measurement is required");
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a point needs at least one field: " + measurement);
    }
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static Builder builder(String measurement, long timeMillis) {
    return new Builder(measurement, timeMillis);
  }

  /** Builds a point; fields whose value is NaN are left out (InfluxDB cannot store NaN). */
  public static final class Builder {
    private final String measurement;
    private final long timeMillis;
    private final Map<String, String> tags = new TreeMap<>();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String measurement, long timeMillis) {
      this.measurement = measurement;
      this.timeMillis = timeMillis;
    }

    public Builder tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    public Builder field(String key, long value) {
      fields.put(key, value);
      return this;
    }

    public Builder field(String key, double value) {
      if (!Double.isNaN(value) && !Double.isInfinite(value)) {
        fields.put(key, value);
      }
      return this;
    }

    public Builder field(String key, boolean value) {
      fields.put(key, value);
      return this;
    }

    public Builder field(String key, String value) {
      if (value != null) {
        fields.put(key, value);
      }
      return this;
    }

    public InfluxPoint build() {
      return new InfluxPoint(measurement, tags, fields, timeMillis);
    }
  }
}
