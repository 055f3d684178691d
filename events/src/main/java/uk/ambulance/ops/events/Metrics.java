package uk.ambulance.ops.events;

/**
 * InfluxDB measurement, tag and field names of the metrics contract. Dashboards, alert rules and
 * the jobs all spell them from here (dashboards via the tests that check their queries).
 */
public final class Metrics {
  /** Default database (1.x) or bucket (2.x, 3.x). */
  public static final String DEFAULT_DATABASE = "ops";

  /** Tag values shared by several measurements. */
  public static final String AREA_ALL = "ALL";

  public static final String WINDOW_1H = "1h";
  public static final String WINDOW_TODAY = "today";
  public static final String WINDOW_MTD = "mtd";

  private Metrics() {}

  public static final class ResponseTimes {
    public static final String MEASUREMENT = "response_times";
    public static final String TAG_CATEGORY = "category";
    public static final String TAG_AREA = "area";
    public static final String TAG_WINDOW = "window";
    public static final String INCIDENTS = "incidents";
    public static final String MEAN_S = "mean_s";
    public static final String P90_S = "p90_s";
    public static final String TARGET_MEAN_S = "target_mean_s";
    public static final String TARGET_P90_S = "target_p90_s";

    /** Names the 90th-centile definition used, since the national statistics do not. */
    public static final String P90_DEFINITION = "p90_definition";

    /** Incidents in the window not yet closed: their clock stop may still move. */
    public static final String PROVISIONAL = "provisional";

    private ResponseTimes() {}
  }

  public static final class CallsWaiting {
    public static final String MEASUREMENT = "calls_waiting";
    public static final String TAG_CATEGORY = "category";
    public static final String TAG_AREA = "area";
    public static final String WAITING = "waiting";
    public static final String OLDEST_WAIT_S = "oldest_wait_s";

    private CallsWaiting() {}
  }

  public static final class Outcomes {
    public static final String MEASUREMENT = "outcomes";
    public static final String TAG_AREA = "area";
    public static final String TAG_WINDOW = "window";
    public static final String INCIDENTS = "incidents";
    public static final String HEAR_AND_TREAT = "hear_and_treat";
    public static final String SEE_AND_TREAT = "see_and_treat";
    public static final String CONVEYED = "conveyed";

    private Outcomes() {}
  }

  public static final class Pipeline {
    public static final String MEASUREMENT = "pipeline";
    public static final String TAG_STREAM = "stream";
    public static final String EVENTS = "events";
    public static final String REJECTED = "rejected";
    public static final String DUPLICATES = "duplicates";
    public static final String LAG_S = "lag_s";

    /** Incidents whose state was dropped by the time-to-live before they closed. */
    public static final String EXPIRED = "expired";

    /** Changes that came after the allowed lateness and could no longer be applied. */
    public static final String TOO_LATE = "too_late";

    private Pipeline() {}
  }
}
