package uk.ambulance.ops.generators.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Makes the kinds of bad record a real feed carries, from a good one: raw garbage, truncated JSON,
 * a required field missing, a location far outside the service region, a value of the wrong type,
 * an unknown enum value. Copies that are still JSON get their own eventId ({@code ...~bad}), so
 * that a consumer deduplicating by eventId can never drop the good original in favour of them.
 */
final class Malformer {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String GARBAGE_CHARS = "abcdefXYZ0123456789{}[]:,\"\\ #%&*";

  private final SplittableRandom random;

  Malformer(SplittableRandom random) {
    this.random = random;
  }

  OutRecord corrupt(OutRecord good) {
    byte[] bad =
        switch (random.nextInt(6)) {
          case 0 -> garbage();
          case 1 -> truncated(good.value());
          case 2 -> edited(good.value(), n -> n.remove("time"));
          case 3 -> edited(good.value(), Malformer::farAway);
          case 4 -> edited(good.value(), n -> n.put("time", "yesterday at ten"));
          default -> edited(good.value(), Malformer::unknownEnum);
        };
    return new OutRecord(good.topic(), good.key(), good.timeMillis(), bad);
  }

  private byte[] garbage() {
    int length = 5 + random.nextInt(60);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(GARBAGE_CHARS.charAt(random.nextInt(GARBAGE_CHARS.length())));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] truncated(byte[] json) {
    return java.util.Arrays.copyOf(
        json, Math.max(1, json.length / 2 + random.nextInt(json.length / 3 + 1)));
  }

  private interface Edit {
    void apply(ObjectNode node);
  }

  private static byte[] edited(byte[] json, Edit edit) {
    try {
      ObjectNode node = (ObjectNode) MAPPER.readTree(json);
      if (node.has("eventId")) {
        node.put("eventId", node.get("eventId").asText() + "~bad");
      }
      edit.apply(node);
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** New York: a location a London feed should never carry (or a text latitude if none). */
  private static void farAway(ObjectNode node) {
    if (node.has("lat")) {
      node.put("lat", 40.7128);
      node.put("lon", -74.0060);
    } else {
      node.put("time", 1_775_000_000);
    }
  }

  private static void unknownEnum(ObjectNode node) {
    if (node.has("type")) {
      node.put("type", "TELEPORTED");
    } else if (node.has("status")) {
      node.put("status", "FLYING");
    } else {
      node.put("opelLevel", 7);
    }
  }
}
