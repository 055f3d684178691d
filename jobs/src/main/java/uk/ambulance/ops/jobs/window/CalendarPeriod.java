package uk.ambulance.ops.jobs.window;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A day or a month on the service's local calendar (Europe/London), so "today" starts at local
 * midnight and is 23 or 25 hours long on the days the clocks change.
 */
public enum CalendarPeriod {
  DAY("today"),
  MONTH("mtd");

  public static final ZoneId LONDON = ZoneId.of("Europe/London");

  private final String windowLabel;

  CalendarPeriod(String windowLabel) {
    this.windowLabel = windowLabel;
  }

  public String windowLabel() {
    return windowLabel;
  }

  /** Start (inclusive, epoch ms) of the period that contains {@code timeMs}. */
  public long startOf(long timeMs) {
    ZonedDateTime local = Instant.ofEpochMilli(timeMs).atZone(LONDON);
    ZonedDateTime start =
        this == DAY
            ? local.toLocalDate().atStartOfDay(LONDON)
            : local.toLocalDate().withDayOfMonth(1).atStartOfDay(LONDON);
    return start.toInstant().toEpochMilli();
  }

  /** End (exclusive, epoch ms) of the period that starts at {@code startMs}. */
  public long endOf(long startMs) {
    ZonedDateTime start = Instant.ofEpochMilli(startMs).atZone(LONDON);
    ZonedDateTime end = this == DAY ? start.plusDays(1) : start.plusMonths(1);
    return end.toLocalDate().atStartOfDay(LONDON).toInstant().toEpochMilli();
  }
}
