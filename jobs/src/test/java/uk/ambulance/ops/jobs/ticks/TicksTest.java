package uk.ambulance.ops.jobs.ticks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
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

  @Test
  void theLondonDayOfAnInstantAgreesWithTheZoneRulesThroughClockChanges() {
    ZoneId london = ZoneId.of("Europe/London");
    Random random = new Random(7);
    // Around the 2026 clock changes, jumping between days so the remembered day keeps changing.
    long[] around = {
      Instant.parse("2026-03-29T00:00:00Z").toEpochMilli(),
      Instant.parse("2026-10-25T00:00:00Z").toEpochMilli()
    };
    for (int i = 0; i < 20_000; i++) {
      long t = around[i % 2] + (long) ((random.nextDouble() - 0.5) * 4 * 86_400_000L);
      long expected = LocalDate.ofInstant(Instant.ofEpochMilli(t), london).toEpochDay();
      assertThat(Ticks.londonDay(t)).as("day of %s", Instant.ofEpochMilli(t)).isEqualTo(expected);
    }
    // Midnight itself, in summer (23:00 UTC) and in winter (00:00 UTC).
    long summerMidnight = Instant.parse("2026-06-30T23:00:00Z").toEpochMilli();
    assertThat(Ticks.londonDay(summerMidnight - 1))
        .isEqualTo(LocalDate.of(2026, 6, 30).toEpochDay());
    assertThat(Ticks.londonDay(summerMidnight)).isEqualTo(LocalDate.of(2026, 7, 1).toEpochDay());
    long winterMidnight = Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();
    assertThat(Ticks.londonDay(winterMidnight - 1))
        .isEqualTo(LocalDate.of(2026, 12, 1).toEpochDay());
    assertThat(Ticks.londonDay(winterMidnight)).isEqualTo(LocalDate.of(2026, 12, 2).toEpochDay());
  }
}
