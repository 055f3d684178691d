package uk.ambulance.ops.jobs.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {
  private static final long HOUR = 3_600_000;

  @Test
  void eachHourOfTheWeekIsAnExponentiallyWeightedMeanOfItsOwnWeeksThroughTheClockChange() {
    double prior = 40;
    double weight = 1 - Math.pow(0.5, 1 / 4.0);
    // Three weeks around the spring clock change (29 March 2026).
    long start = Instant.parse("2026-03-16T00:00:00Z").toEpochMilli();
    SeasonalBaseline baseline = SeasonalBaseline.startingAt(prior);
    Map<String, Double> plain = new HashMap<>();
    Random random = new Random(1);
    for (long h = start; h < start + 21 * 24 * HOUR; h += HOUR) {
      long calls = random.nextInt(80);
      baseline.fold(h, calls, weight);
      ZonedDateTime local = Instant.ofEpochMilli(h).atZone(ZoneId.of("Europe/London"));
      String slot = local.getDayOfWeek() + "@" + local.getHour();
      double before = plain.getOrDefault(slot, prior);
      plain.put(slot, before + weight * (calls - before));
    }
    // 10:00 to 11:00 London time on a Monday after the change is 09:00 to 10:00 UTC.
    long monday10 = Instant.parse("2026-04-06T09:00:00Z").toEpochMilli();
    assertThat(baseline.expected(monday10, monday10 + HOUR))
        .isCloseTo(plain.get(DayOfWeek.MONDAY + "@10"), within(1e-9));
    // Half of 10:00 and half of 11:00.
    assertThat(baseline.expected(monday10 + HOUR / 2, monday10 + 3 * HOUR / 2))
        .isCloseTo(
            (plain.get(DayOfWeek.MONDAY + "@10") + plain.get(DayOfWeek.MONDAY + "@11")) / 2,
            within(1e-9));
    assertThat(plain).hasSize(168);
  }
}
