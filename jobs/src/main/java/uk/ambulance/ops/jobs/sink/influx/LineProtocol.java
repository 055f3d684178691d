package uk.ambulance.ops.jobs.sink.influx;

import java.util.Map;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Formats an {@link InfluxPoint} as one InfluxDB 1.x line-protocol line, timestamp in milliseconds
 * (so writes must use {@code precision=ms}).
 *
 * <p>Escaping follows what InfluxDB 1.6 actually parses (checked against the server, see
 * LineProtocolRoundTripTest): commas and spaces in measurements; commas, spaces and equals signs in
 * tag keys, tag values and field keys; double quotes and backslashes in string field values. A
 * backslash in a name or tag value is stored literally and cannot be escaped ({@code \\} is stored
 * as two backslashes), so a backslash at the end of a name or right before a comma, space or equals
 * sign cannot be written at all: such points are rejected rather than silently altered.
 */
public final class LineProtocol {

  private LineProtocol() {}

  public static String format(InfluxPoint point) {
    StringBuilder line = new StringBuilder(64);
    appendName(line, point.measurement(), "measurement", null, false);
    // InfluxPoint keeps tags sorted, which is the order InfluxDB would sort them into anyway.
    for (Map.Entry<String, String> tag : point.tags().entrySet()) {
      if (tag.getValue() == null || tag.getValue().isEmpty()) {
        // InfluxDB has no empty tag values: an absent tag is how "empty" is expressed.
        continue;
      }
      line.append(',');
      appendName(line, tag.getKey(), "tag key", null, true);
      line.append('=');
      appendName(line, tag.getValue(), "value of tag", tag.getKey(), true);
    }
    char separator = ' ';
    for (Map.Entry<String, Object> field : point.fields().entrySet()) {
      line.append(separator);
      separator = ',';
      appendName(line, field.getKey(), "field key", null, true);
      line.append('=');
      appendFieldValue(line, field.getKey(), field.getValue());
    }
    return line.append(' ').append(point.timeMillis()).toString();
  }

  /**
   * Appends a name or tag value, escaped; {@code what} and {@code whose} (null, or the tag's key)
   * say in an error what it was. Nearly every name needs no escaping and goes in whole.
   */
  private static void appendName(
      StringBuilder out, String name, String what, String whose, boolean escapeEquals) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("empty " + describe(what, whose));
    }
    if (plain(name)) {
      out.append(name);
      return;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case ',', ' ' -> out.append('\\').append(c);
        case '=' -> {
          if (escapeEquals) {
            out.append('\\');
          }
          out.append(c);
        }
        case '\\' -> {
          boolean last = i == name.length() - 1;
          if (last || isSeparator(name.charAt(i + 1))) {
            throw new IllegalArgumentException(
                "InfluxDB line protocol cannot represent a backslash at the end of, or before a"
                    + " comma, space or equals sign in, a "
                    + describe(what, whose)
                    + ": "
                    + name);
          }
          out.append(c);
        }
        case '\n', '\r' ->
            throw new IllegalArgumentException(
                "line break in " + describe(what, whose) + ": " + name);
        default -> out.append(c);
      }
    }
  }

  private static String describe(String what, String whose) {
    return whose == null ? what : what + " " + whose;
  }

  /** Whether a name holds nothing to escape or refuse. */
  private static boolean plain(String name) {
    for (int i = 0; i < name.length(); i++) {
      switch (name.charAt(i)) {
        case ',', ' ', '=', '\\', '\n', '\r' -> {
          return false;
        }
        default -> {}
      }
    }
    return true;
  }

  private static boolean isSeparator(char c) {
    return c == ',' || c == ' ' || c == '=';
  }

  private static void appendFieldValue(StringBuilder out, String key, Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      out.append(((Number) value).longValue()).append('i');
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("InfluxDB cannot store " + d + " in field " + key);
      }
      // Double.toString is the shortest text that parses back to the same double, in Go too.
      out.append(Double.toString(d));
    } else if (value instanceof Boolean b) {
      out.append(b ? 't' : 'f');
    } else if (value instanceof String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      out.append('"');
    } else {
      throw new IllegalArgumentException(
          "unsupported type for field " + key + ": " + (value == null ? "null" : value.getClass()));
    }
  }
}
