package uk.ambulance.ops.jobs.atrisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Metrics.CallsWaiting;
import uk.ambulance.ops.events.Metrics.Demand;
import uk.ambulance.ops.events.Metrics.ResponseTimes;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.window.CalendarPeriod;

/**
 * The job's own points the at-risk figures read, kept per area as the latest of each kind (a slot:
 * today's and the last hour's response times and the calls waiting per category, the demand), each
 * as {time, values...}; and the {@link DayState} of a category read from them.
 */
public final class AtRiskReadings {
  static final String DEMAND = "demand";
  private static final long HOUR = 3_600_000L;

  /** Every slot there is. */
  public static final List<String> SLOTS = slots();

  private static List<String> slots() {
    List<String> slots = new ArrayList<>();
    for (ReportingCategory c : AtRiskSettings.ALL_CALLS) {
      slots.add(Metrics.WINDOW_TODAY + "|" + c.name());
      slots.add(Metrics.WINDOW_1H + "|" + c.name());
      slots.add(CallsWaiting.MEASUREMENT + "|" + c.name());
    }
    slots.add(DEMAND);
    return List.copyOf(slots);
  }

  private AtRiskReadings() {}

  /** The slot a point goes to, or null when the at-risk figures do not read it. */
  public static String slot(InfluxPoint p) {
    String category = p.tags().get(ResponseTimes.TAG_CATEGORY);
    switch (p.measurement()) {
      case ResponseTimes.MEASUREMENT -> {
        String window = p.tags().get(ResponseTimes.TAG_WINDOW);
        boolean wanted = Metrics.WINDOW_TODAY.equals(window) || Metrics.WINDOW_1H.equals(window);
        return wanted && counted(category) ? window + "|" + category : null;
      }
      case CallsWaiting.MEASUREMENT -> {
        return counted(category) ? CallsWaiting.MEASUREMENT + "|" + category : null;
      }
      case Demand.MEASUREMENT -> {
        return p.fields().containsKey(Demand.EXPECTED_REST_OF_DAY) ? DEMAND : null;
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean counted(String category) {
    return AtRiskSettings.ALL_CALLS.stream().anyMatch(c -> c.name().equals(category));
  }

  /** What a slot keeps of a point: its time, then the values the figures read. */
  public static double[] values(InfluxPoint p) {
    return switch (p.measurement()) {
      case ResponseTimes.MEASUREMENT -> {
        double n = number(p, ResponseTimes.INCIDENTS);
        double mean = n > 0 ? number(p, ResponseTimes.MEAN_S) : 0;
        yield new double[] {p.timeMillis(), n, number(p, ResponseTimes.OVER_P90_STANDARD), mean};
      }
      case CallsWaiting.MEASUREMENT ->
          new double[] {
            p.timeMillis(),
            number(p, CallsWaiting.WAITING),
            number(p, CallsWaiting.OVER_P90_STANDARD),
            number(p, CallsWaiting.OVER_HALF_P90_STANDARD),
            number(p, CallsWaiting.TOTAL_WAIT_S)
          };
      default -> new double[] {p.timeMillis(), number(p, Demand.EXPECTED_REST_OF_DAY)};
    };
  }

  private static double number(InfluxPoint p, String field) {
    return p.fields().get(field) instanceof Number n ? n.doubleValue() : 0;
  }

  /**
   * A category's day at {@code t} from the slots, or null while no demand reading of today says
   * what is still to come (without it no bound is safe).
   */
  public static DayState dayState(
      Map<String, double[]> slots, ReportingCategory category, long t, AtRiskSettings settings) {
    long today = CalendarPeriod.DAY.startOf(t);
    double[] demand = slots.get(DEMAND);
    if (demand == null || CalendarPeriod.DAY.startOf((long) demand[0]) != today) {
      return null;
    }
    double[] day = today(slots.get(Metrics.WINDOW_TODAY + "|" + category.name()), today);
    double[] waiting = slots.get(CallsWaiting.MEASUREMENT + "|" + category.name());
    if (waiting == null) {
      waiting = new double[5];
    }
    double[] hour = slots.get(Metrics.WINDOW_1H + "|" + category.name());
    boolean recent = hour != null && hour[0] > t - HOUR && hour[1] > 0;
    double calls = 0;
    for (ReportingCategory c : AtRiskSettings.ALL_CALLS) {
      calls += today(slots.get(Metrics.WINDOW_TODAY + "|" + c.name()), today)[1];
      double[] w = slots.get(CallsWaiting.MEASUREMENT + "|" + c.name());
      calls += w == null ? 0 : w[1];
    }
    double share = calls > 0 ? (day[1] + waiting[1]) / calls : 1;
    CallsToCome toCome =
        CallsToCome.of(demand[1], share, settings.demandAllowance(), settings.tail());
    return new DayState(
        (long) day[1],
        (long) day[2],
        day[1] * day[3],
        (long) waiting[1],
        (long) waiting[2],
        (long) waiting[3],
        waiting[4],
        recent ? hour[2] / hour[1] : Double.NaN,
        recent ? hour[3] : Double.NaN,
        toCome.expected(),
        toCome.max());
  }

  /** A today slot if it is of the day starting at {@code today}, else an empty day. */
  private static double[] today(double[] slot, long today) {
    return slot != null && CalendarPeriod.DAY.startOf((long) slot[0]) == today
        ? slot
        : new double[4];
  }
}
