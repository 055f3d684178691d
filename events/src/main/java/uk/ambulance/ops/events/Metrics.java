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

    /** Incidents in the window whose response time is over the 90th-centile standard. */
    public static final String OVER_P90_STANDARD = "over_p90_standard";

    private ResponseTimes() {}
  }

  public static final class CallsWaiting {
    public static final String MEASUREMENT = "calls_waiting";
    public static final String TAG_CATEGORY = "category";
    public static final String TAG_AREA = "area";
    public static final String WAITING = "waiting";
    public static final String OLDEST_WAIT_S = "oldest_wait_s";

    /** Calls waiting longer than their category's 90th-centile standard: certain breaches. */
    public static final String OVER_P90_STANDARD = "over_p90_standard";

    /** Calls waiting longer than half that standard. */
    public static final String OVER_HALF_P90_STANDARD = "over_half_p90_standard";

    /** The waits so far of all the calls waiting, added up. */
    public static final String TOTAL_WAIT_S = "total_wait_s";

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

    /** Wall-clock seconds since the stream's last record reached the job: silence, not lag. */
    public static final String IDLE_S = "idle_s";

    /** Incidents whose state was dropped by the time-to-live before they closed. */
    public static final String EXPIRED = "expired";

    /** Changes that came after the allowed lateness and could no longer be applied. */
    public static final String TOO_LATE = "too_late";

    private Pipeline() {}
  }

  public static final class Demand {
    public static final String MEASUREMENT = "demand";
    public static final String TAG_AREA = "area";
    public static final String CALLS_1H = "calls_1h";
    public static final String EXPECTED_1H = "expected_1h";

    /** Calls the seasonal baseline expects from the point's time to the end of the London day. */
    public static final String EXPECTED_REST_OF_DAY = "expected_rest_of_day";

    private Demand() {}
  }

  /**
   * Whether the day's response standard of a category is at risk: a lower bound of the day's figure
   * that no later call can undo, and a projection of it. Both as an index, the figure over the
   * level that fails the standard: 1 or more fails it.
   */
  public static final class StandardAtRisk {
    public static final String MEASUREMENT = "standard_at_risk";
    public static final String TAG_CATEGORY = "category";
    public static final String TAG_AREA = "area";

    /** {@code mean} or {@code p90}: which of the category's two standards ({@link Metric}). */
    public static final String TAG_METRIC = "metric";

    /** The values of {@link #TAG_METRIC}. */
    public enum Metric {
      MEAN("mean"),
      P90("p90");

      private final String tag;

      Metric(String tag) {
        this.tag = tag;
      }

      public String tag() {
        return tag;
      }
    }

    /** The certain lower bound of the day's figure over the failing level (1: lost for sure). */
    public static final String CERTAIN = "certain";

    /** The projected day's figure over the failing level (1: likely to fail). */
    public static final String LIKELY = "likely";

    /** Calls of the category still expected today (the projection's). */
    public static final String CALLS_TO_COME = "calls_to_come";

    /** The most calls of the category still to come today that the certain bound allows for. */
    public static final String CALLS_TO_COME_MAX = "calls_to_come_max";

    private StandardAtRisk() {}
  }

  public static final class Hotspots {
    public static final String MEASUREMENT = "hotspots";

    /** H3 index at resolution 8, as 15 hex digits. */
    public static final String TAG_CELL = "cell";

    public static final String CALLS = "calls";
    public static final String EXPECTED = "expected";
    public static final String SCORE = "score";
    public static final String LAT = "lat";
    public static final String LON = "lon";

    /** 1 while the cell is over the threshold; 0 on the one point that says it no longer is. */
    public static final String HOT = "hot";

    private Hotspots() {}
  }

  /** Many calls from a cell and its neighbours within minutes; tagged with the centre cell. */
  public static final class MajorIncidents {
    public static final String MEASUREMENT = "major_incidents";
    public static final String TAG_CELL = Hotspots.TAG_CELL;
    public static final String CALLS = Hotspots.CALLS;
    public static final String EXPECTED = Hotspots.EXPECTED;
    public static final String SCORE = Hotspots.SCORE;
    public static final String LAT = Hotspots.LAT;
    public static final String LON = Hotspots.LON;
    public static final String ACTIVE = "active";

    private MajorIncidents() {}
  }

  public static final class Fleet {
    public static final String MEASUREMENT = "fleet";
    public static final String TAG_AREA = "area";
    public static final String TAG_STATUS = "status";
    public static final String TAG_VEHICLE_TYPE = "vehicle_type";
    public static final String VEHICLES = "vehicles";

    /** Of {@link #VEHICLES}, those on duty whose feed has been silent past the limit. */
    public static final String SILENT = "silent";

    private Fleet() {}
  }

  /** Health of the vehicle-location feed per area: silent on-duty vehicles, outages. */
  public static final class FleetFeed {
    public static final String MEASUREMENT = "fleet_feed";
    public static final String TAG_AREA = "area";
    public static final String ON_DUTY = "on_duty";
    public static final String SILENT = "silent";
    public static final String OUTAGE = "outage";

    private FleetFeed() {}
  }

  /** Unit-hour utilisation: vehicle time committed to incidents over vehicle time on duty. */
  public static final class FleetUtilisation {
    public static final String MEASUREMENT = "fleet_utilisation";
    public static final String TAG_AREA = "area";
    public static final String TAG_WINDOW = "window";
    public static final String ON_DUTY_HOURS = "on_duty_hours";
    public static final String BUSY_HOURS = "busy_hours";
    public static final String UHU = "uhu";

    private FleetUtilisation() {}
  }

  public static final class Handovers {
    public static final String MEASUREMENT = "handovers";
    public static final String TAG_HOSPITAL = "hospital";
    public static final String WAITING = "waiting";
    public static final String LONGEST_WAIT_S = "longest_wait_s";
    public static final String HANDOVERS_1H = "handovers_1h";
    public static final String MEAN_S = "mean_s";
    public static final String P90_S = "p90_s";
    public static final String P90_DEFINITION = ResponseTimes.P90_DEFINITION;
    public static final String OVER_30 = "over_30";
    public static final String OVER_60 = "over_60";
    public static final String LOST_HOURS_TODAY = "lost_hours_today";

    /** Handovers in the last hour that took at least the release limit (45 minutes). */
    public static final String RELEASED_45 = "released_45";

    /** Crews waiting now for at least the release limit: due to be released. */
    public static final String RELEASE_DUE = "release_due";

    private Handovers() {}
  }

  public static final class HospitalCapacity {
    public static final String MEASUREMENT = "hospital_capacity";
    public static final String TAG_HOSPITAL = "hospital";
    public static final String ED_OCCUPANCY_PCT = "ed_occupancy_pct";
    public static final String BEDS_AVAILABLE = "beds_available";
    public static final String OPEL_LEVEL = "opel_level";
    public static final String DIVERT = "divert";

    /** Ambulances that arrived in the last hour while the ED was on divert. */
    public static final String ARRIVALS_ON_DIVERT_1H = "arrivals_on_divert_1h";

    /** Seconds since the status in force was reported. */
    public static final String STATUS_AGE_S = "status_age_s";

    private HospitalCapacity() {}
  }

  /** One point per alert transition: FIRING when an alert starts, RESOLVED when it clears. */
  public static final class Alerts {
    public static final String MEASUREMENT = "alerts";
    public static final String TAG_RULE = "rule";
    public static final String TAG_SEVERITY = "severity";

    /** The alert's identity (rule and scope), so that the boards can group by alert. */
    public static final String TAG_ALERT = "alert";

    public static final String STATE = "state";
    public static final String FIRING = "firing";
    public static final String VALUE = "value";
    public static final String THRESHOLD = "threshold";
    public static final String SCOPE = "scope";
    public static final String MESSAGE = "message";

    private Alerts() {}
  }
}
