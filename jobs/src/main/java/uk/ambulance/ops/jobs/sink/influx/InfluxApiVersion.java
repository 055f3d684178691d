package uk.ambulance.ops.jobs.sink.influx;

import java.util.Locale;

/**
 * Which InfluxDB write API the sink speaks.
 *
 * <ul>
 *   <li>{@link #V1}: {@code POST /write?db=&rp=}, optional user and password (Basic auth) or a
 *       token. InfluxDB 1.x, and 2.x/3.x through their v1 compatibility endpoint.
 *   <li>{@link #V2}: {@code POST /api/v2/write?org=&bucket=}, {@code Authorization: Token}.
 *       InfluxDB 2.x (and 1.8+ / 3.x, which answer the same endpoint).
 * </ul>
 */
public enum InfluxApiVersion {
  V1,
  V2;

  /** Parses {@code v1}/{@code 1}/{@code v2}/{@code 2}, case-insensitively. */
  public static InfluxApiVersion parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "v1", "1" -> V1;
      case "v2", "2" -> V2;
      default ->
          throw new IllegalArgumentException("InfluxDB API must be v1 or v2, got '" + text + "'");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
