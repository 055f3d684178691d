package uk.ambulance.ops.events.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void keepsTextPayloadsAsText() {
    var d =
        DeadLetter.of(
            "cad.incidents",
            2,
            17,
            "INC-1".getBytes(StandardCharsets.UTF_8),
            "{oops".getBytes(StandardCharsets.UTF_8),
            "malformed JSON",
            NOW);
    assertThat(d.payload()).isEqualTo("{oops");
    assertThat(d.payloadEncoding()).isEqualTo("utf8");
    assertThat(d.key()).isEqualTo("INC-1");
    assertThat(d.truncated()).isFalse();
    assertThat(d.originalSizeBytes()).isEqualTo(5);
  }

  @Test
  void keepsBinaryPayloadsExactlyAsBase64() {
    byte[] binary = {(byte) 0xff, 0x00, (byte) 0xc3};
    var d = DeadLetter.of("avl.positions", 0, 1, null, binary, "malformed JSON", NOW);
    assertThat(d.payloadEncoding()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(d.payload())).isEqualTo(binary);
    assertThat(d.key()).isNull();
  }

  @Test
  void cutsOversizedPayloadsAndSaysSo() {
    byte[] big = "a".repeat(DeadLetter.MAX_PAYLOAD_BYTES + 10).getBytes(StandardCharsets.UTF_8);
    var d = DeadLetter.of("cad.incidents", 0, 1, null, big, "too large", NOW);
    assertThat(d.truncated()).isTrue();
    assertThat(d.payload()).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);
    assertThat(d.originalSizeBytes()).isEqualTo(big.length);
  }
}
