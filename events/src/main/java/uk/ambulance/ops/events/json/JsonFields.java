package uk.ambulance.ops.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Typed reads from one JSON object, each failure a readable reason. */
final class JsonFields {
  /**
   * The years RFC 3339 allows, 0000 to 9999. Java reads a billion years either side, but the job
   * counts time in epoch milliseconds, which overflow a long some 292 million years out.
   */
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private final JsonNode node;

  JsonFields(JsonNode node) {
    this.node = node;
  }

  private JsonNode present(String name) throws InvalidRecordException {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidRecordException("missing field '" + name + "'");
    }
    return value;
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  String text(String name) throws InvalidRecordException {
    JsonNode value = present(name);
    if (!value.isTextual()) {
      throw new InvalidRecordException("field '" + name + "' must be a string");
    }
    String text = value.textValue();
    if (text.isBlank()) {
      throw new InvalidRecordException("field '" + name + "' must not be blank");
    }
    return text;
  }

  String optionalText(String name) throws InvalidRecordException {
    return has(name) ? text(name) : null;
  }

  /**
   * An identifier. Identifiers become InfluxDB tags (hospitalId), where a line break or other
   * control character, a backslash (which line protocol cannot always escape) or an unpaired
   * surrogate (which UTF-8 cannot carry) makes the sink refuse the point: the job would fail on
   * that record, and again on every replay of it.
   */
  String id(String name) throws InvalidRecordException {
    String text = text(name);
    // An unpaired surrogate is a code point of its own here; a pair is one supplementary one.
    if (text.codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || c == '\\'
                    || Character.getType(c) == Character.SURROGATE)) {
      throw new InvalidRecordException(
          "field '"
              + name
              + "' must not contain control characters, backslashes or unpaired surrogates");
    }
    return text;
  }

  String optionalId(String name) throws InvalidRecordException {
    return has(name) ? id(name) : null;
  }

  double number(String name) throws InvalidRecordException {
    JsonNode value = present(name);
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw new InvalidRecordException("field '" + name + "' must be a number");
    }
    return value.doubleValue();
  }

  Double optionalNumber(String name) throws InvalidRecordException {
    return has(name) ? number(name) : null;
  }

  int integer(String name) throws InvalidRecordException {
    JsonNode value = present(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidRecordException("field '" + name + "' must be a whole number");
    }
    return value.intValue();
  }

  boolean bool(String name) throws InvalidRecordException {
    JsonNode value = present(name);
    if (!value.isBoolean()) {
      throw new InvalidRecordException("field '" + name + "' must be true or false");
    }
    return value.booleanValue();
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) throws InvalidRecordException {
    String text = text(name);
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("unknown value '" + text + "' for field '" + name + "'");
    }
  }

  <E extends Enum<E>> E optionalEnum(String name, Class<E> type) throws InvalidRecordException {
    return has(name) ? enumValue(name, type) : null;
  }

  Instant instant(String name) throws InvalidRecordException {
    String text = text(name);
    Instant time;
    try {
      time = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException(
          "field '" + name + "' must be an ISO-8601 UTC instant, got '" + text + "'");
    }
    if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
      throw new InvalidRecordException(
          "field '" + name + "' must lie in the years 0000 to 9999, got '" + text + "'");
    }
    return time;
  }
}
