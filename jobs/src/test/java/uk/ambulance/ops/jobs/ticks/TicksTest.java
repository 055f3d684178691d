package uk.ambulance.ops.jobs.ticks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicksTest {
  private static final long TICK = 10_000;

  @Test
  void theNextTickIsTheChangesOwnOrTheFirstAfterTheWatermark() {
    assertThat(Ticks.next(12_345, Long.MIN_VALUE, TICK)).isEqualTo(20_000);
    assertThat(Ticks.next(12_345, 5_000, TICK)).isEqualTo(20_000);
    assertThat(Ticks.next(12_345, 47_000, TICK)).isEqualTo(50_000);
  }

  @Test
  void aWatermarkAtTheEndOfTimeDoesNotOverflowIntoTheDistantPast() {
    // Seen in a replay: the status feed's end-of-time watermark while CAD was idle gave
    // handovers points at -9223372036854771616 ms, which InfluxDB refused.
    long tick = Ticks.next(1_775_469_612_345L, Long.MAX_VALUE, TICK);
    assertThat(tick).isEqualTo(1_775_469_620_000L);
  }
}
