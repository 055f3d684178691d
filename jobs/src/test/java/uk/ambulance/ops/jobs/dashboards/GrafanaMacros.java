package uk.ambulance.ops.jobs.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana does to an InfluxQL query before sending it: {@code $timeFilter} becomes {@code time
 * >= <from>ms and time <= <to>ms}, {@code $__interval} the range divided by the panel's data points
 * rounded to Grafana's steps (never below the datasource's 10 s), {@code $__interval_ms} the same
 * in milliseconds, and template variables ({@code $name}, {@code ${name}}, {@code [[name]]}) their
 * value. Relative times ({@code now-1h}, {@code now/d}, {@code now-7d/d}) resolve against a given
 * "now" in the dashboard's time zone.
 */
final class GrafanaMacros {
  /** The datasource's {@code timeInterval} (dashboards/provisioning/datasources/influxdb.yml). */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

  /** A panel about 1,000 pixels wide: Grafana's default data points when none are set. */
  static final int DEFAULT_MAX_DATA_POINTS = 1000;

  private static final Pattern RELATIVE =
      Pattern.compile("now(?:([-+])(\\d+)([smhdwMy]))?(?:/([smhdwMy]))?");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\[\\[(\\w+)]]|\\$(\\w+)");

  private GrafanaMacros() {}

  record Range(long fromMs, long toMs) {
    Duration length() {
      return Duration.ofMillis(toMs - fromMs);
    }
  }

  /** A dashboard's (or panel's) {@code from}/{@code to} resolved against {@code now}. */
  static Range range(String from, String to, Instant now, ZoneId zone) {
    return new Range(resolve(from, now, zone, false), resolve(to, now, zone, true));
  }

  static long resolve(String expression, Instant now, ZoneId zone, boolean roundUp) {
    Matcher m = RELATIVE.matcher(expression.trim());
    if (!m.matches()) {
      return Instant.parse(expression).toEpochMilli();
    }
    ZonedDateTime t = now.atZone(zone);
    if (m.group(1) != null) {
      long amount = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
      t = t.plus(amount, unit(m.group(3)));
    }
    if (m.group(4) != null) {
      ChronoUnit unit = unit(m.group(4));
      ZonedDateTime start =
          switch (unit) {
            case YEARS -> t.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS);
            case MONTHS -> t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            case WEEKS -> t.minusDays(t.getDayOfWeek().getValue() - 1).truncatedTo(ChronoUnit.DAYS);
            default -> t.truncatedTo(unit);
          };
      // Grafana rounds "to" up to the last millisecond of the unit.
      t = roundUp ? start.plus(1, unit).minus(1, ChronoUnit.MILLIS) : start;
    }
    return t.toInstant().toEpochMilli();
  }

  private static ChronoUnit unit(String u) {
    return switch (u) {
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      case "d" -> ChronoUnit.DAYS;
      case "w" -> ChronoUnit.WEEKS;
      case "M" -> ChronoUnit.MONTHS;
      case "y" -> ChronoUnit.YEARS;
      default -> throw new IllegalArgumentException("unknown time unit " + u);
    };
  }

  /** Grafana's interval: range / data points, rounded as its {@code roundInterval} does. */
  static Duration interval(Range range, int maxDataPoints) {
    long raw = range.length().toMillis() / Math.max(1, maxDataPoints);
    long rounded = roundInterval(raw);
    return Duration.ofMillis(Math.max(rounded, MIN_INTERVAL.toMillis()));
  }

  /** Grafana's {@code rangeutil.roundInterval} steps, from 10 s up. */
  static long roundInterval(long ms) {
    long[][] steps = {
      {12_500, 10_000},
      {17_500, 15_000},
      {25_000, 20_000},
      {45_000, 30_000},
      {90_000, 60_000},
      {210_000, 120_000},
      {450_000, 300_000},
      {750_000, 600_000},
      {1_050_000, 900_000},
      {1_500_000, 1_200_000},
      {2_700_000, 1_800_000},
      {5_400_000, 3_600_000},
      {9_000_000, 7_200_000},
      {16_200_000, 10_800_000},
      {32_400_000, 21_600_000},
      {86_400_000, 43_200_000},
      {604_800_000, 86_400_000},
      {1_814_400_000, 604_800_000},
      {3_628_800_000L, 2_592_000_000L},
    };
    for (long[] step : steps) {
      if (ms < step[0]) {
        return step[1];
      }
    }
    return 31_536_000_000L;
  }

  /**
   * Grafana's text for an interval: the largest whole unit ({@code 10s}, {@code 5m}, {@code 1h}).
   */
  static String intervalText(Duration interval) {
    long ms = interval.toMillis();
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return (ms / sizes[i]) + names[i];
      }
    }
    throw new AssertionError();
  }

  /**
   * The query as Grafana sends it. Unknown variables are left as they are (InfluxDB then reports
   * the error, which the test shows).
   */
  static String expand(
      String query, Range range, Duration interval, Map<String, String> variables) {
    String out =
        query
            .replace(
                "$timeFilter",
                "time >= " + range.fromMs() + "ms and time <= " + range.toMs() + "ms")
            .replace("$__interval_ms", Long.toString(interval.toMillis()))
            .replace("$__interval", intervalText(interval));
    Matcher m = VARIABLE.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = variables.get(name);
      m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The template variables a query refers to. */
  static java.util.Set<String> variablesIn(String query) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    Matcher m = VARIABLE.matcher(query);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (!name.startsWith("__") && !name.equals("timeFilter")) {
        names.add(name);
      }
    }
    return names;
  }
}
