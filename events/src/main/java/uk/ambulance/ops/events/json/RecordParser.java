package uk.ambulance.ops.events.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;

/**
 * Parses and validates one input record: size, JSON shape, required and typed fields, enum values,
 * location inside the service region, time not too far in the future. Never throws for bad input:
 * every refusal is an {@link ParseResult.Invalid} with a reason fit for the dead-letter topic.
 */
public abstract class RecordParser<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  protected final ValidationRules rules;
  private transient ObjectMapper mapper;

  protected RecordParser(ValidationRules rules) {
    this.rules = rules;
  }

  public final ParseResult<T> parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return ParseResult.invalid("empty record");
    }
    if (bytes.length > rules.maxRecordBytes()) {
      return ParseResult.invalid(
          "record of "
              + bytes.length
              + " bytes exceeds the limit of "
              + rules.maxRecordBytes()
              + " bytes");
    }
    JsonNode node;
    try {
      node = mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      return ParseResult.invalid("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return ParseResult.invalid("unreadable record: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      return ParseResult.invalid("record is not a JSON object");
    }
    try {
      return ParseResult.valid(read(new JsonFields(node)));
    } catch (InvalidRecordException e) {
      return ParseResult.invalid(e.getMessage());
    }
  }

  /** Reads the fields of this stream's record; throws with the reason to refuse it. */
  abstract T read(JsonFields fields) throws InvalidRecordException;

  final Instant eventTime(JsonFields fields) throws InvalidRecordException {
    Instant time = fields.instant("time");
    Instant latest = rules.clock().instant().plus(rules.maxFutureSkew());
    if (time.isAfter(latest)) {
      throw new InvalidRecordException(
          "time " + time + " is more than " + rules.maxFutureSkew().toHours() + "h in the future");
    }
    return time;
  }

  final void checkLocation(double lat, double lon) throws InvalidRecordException {
    if (!rules.region().contains(lat, lon)) {
      throw new InvalidRecordException(
          "location " + lat + "," + lon + " is outside " + rules.region().name());
    }
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
    return mapper;
  }
}
