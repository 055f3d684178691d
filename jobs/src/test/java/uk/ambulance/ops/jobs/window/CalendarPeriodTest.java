package uk.ambulance.ops.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalendarPeriodTest {
  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aSummerDayStartsAtLocalMidnightWhichIs2300UtcTheDayBefore() {
    long start = CalendarPeriod.DAY.startOf(ms("2026-07-01T22:59:59.999Z"));
    assertThat(start).isEqualTo(ms("2026-06-30T23:00:00Z"));
    assertThat(CalendarPeriod.DAY.startOf(ms("2026-07-01T23:00:00Z")))
        .isEqualTo(ms("2026-07-01T23:00:00Z"));
  }

  @Test
  void theDaysTheClocksChangeAre23And25HoursLong() {
    long spring = CalendarPeriod.DAY.startOf(ms("2026-03-29T12:00:00Z"));
    assertThat(Duration.ofMillis(CalendarPeriod.DAY.endOf(spring) - spring))
        .isEqualTo(Duration.ofHours(23));
    long autumn = CalendarPeriod.DAY.startOf(ms("2026-10-25T12:00:00Z"));
    assertThat(Duration.ofMillis(CalendarPeriod.DAY.endOf(autumn) - autumn))
        .isEqualTo(Duration.ofHours(25));
  }

  @Test
  void aMonthRunsFromLocalMidnightOnTheFirst() {
    long april = CalendarPeriod.MONTH.startOf(ms("2026-04-15T10:00:00Z"));
    assertThat(april).isEqualTo(ms("2026-03-31T23:00:00Z"));
    assertThat(CalendarPeriod.MONTH.endOf(april)).isEqualTo(ms("2026-04-30T23:00:00Z"));
    // March holds the spring change: 31 days less one hour.
    long march = CalendarPeriod.MONTH.startOf(ms("2026-03-10T00:00:00Z"));
    assertThat(Duration.ofMillis(CalendarPeriod.MONTH.endOf(march) - march))
        .isEqualTo(Duration.ofDays(31).minusHours(1));
  }
}
