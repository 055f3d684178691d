package uk.ambulance.ops.generators.sim;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/** London wall-clock hour and weekday of a simulated instant: demand and traffic follow them. */
final class LocalTime {
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final ZoneRules RULES = LONDON.getRules();
  private static final long HOUR = 3_600_000L;

  private long cachedHourStart = Long.MIN_VALUE;
  private int cachedHour;
  private int cachedDay;

  /** Hour of day 0..23, London time. */
  int hour(long millis) {
    refresh(millis);
    return cachedHour;
  }

  /** Day of week, 0 = Monday, London time. */
  int dayOfWeek(long millis) {
    refresh(millis);
    return cachedDay;
  }

  private void refresh(long millis) {
    long hourStart = Math.floorDiv(millis, HOUR) * HOUR;
    if (hourStart == cachedHourStart) {
      return;
    }
    cachedHourStart = hourStart;
    long offset = RULES.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds() * 1000L;
    long local = millis + offset;
    cachedHour = (int) Math.floorMod(Math.floorDiv(local, HOUR), 24L);
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    cachedDay = (int) Math.floorMod(Math.floorDiv(local, 24 * HOUR) + 3, 7L);
  }
}
