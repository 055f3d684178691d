package uk.ambulance.ops.events.model;

import java.time.Instant;

/**
 * A record the system refused, as written to {@code ops.deadletter}. The payload is kept as UTF-8
 * text when it decodes as such, otherwise base64; it is cut at {@link #MAX_PAYLOAD_BYTES} and
 * {@code truncated} says so.
 */
public record DeadLetter(
    String sourceTopic,
    int partition,
    long offset,
    String key,
    String payload,
    String payloadEncoding,
    boolean truncated,
    int originalSizeBytes,
    String reason,
    Instant rejectedAt) {

  /** How much of a refused record is kept: enough to diagnose, small enough for any broker. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  /**
   * Builds the dead letter for a refused Kafka record; {@code key} and {@code value} may be null.
   */
  public static DeadLetter of(
      String sourceTopic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String reason,
      Instant rejectedAt) {
    byte[] body = value == null ? new byte[0] : value;
    boolean truncated = body.length > MAX_PAYLOAD_BYTES;
    byte[] kept = truncated ? java.util.Arrays.copyOf(body, MAX_PAYLOAD_BYTES) : body;
    String utf8 = Utf8.decodeStrict(kept);
    // A cut can split a multi-byte character; base64 keeps such payloads exact.
    boolean asText = utf8 != null;
    return new DeadLetter(
        sourceTopic,
        partition,
        offset,
        key == null ? null : new String(key, java.nio.charset.StandardCharsets.UTF_8),
        asText ? utf8 : java.util.Base64.getEncoder().encodeToString(kept),
        asText ? "utf8" : "base64",
        truncated,
        body.length,
        reason,
        rejectedAt);
  }
}
