package uk.ambulance.ops.generators.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import uk.ambulance.ops.events.model.Category;

/**
 * Every knob of the simulation, with London's defaults in one place. The defaults are calibrated so
 * that a simulated week lands near the LAS AmbSYS figures for April 2026 (see the calibration test
 * and the module README); change them here, not in the model classes.
 */
public record SimSettings(
    Instant start,
    Duration duration,
    long seed,
    Demand demand,
    Calls calls,
    Fleet fleet,
    Dispatch dispatch,
    Roads roads,
    JobCycle jobCycle,
    Feeds feeds,
    Scenarios scenarios,
    Delivery delivery) {

  /** Monday 6 April 2026, midnight UTC: the default start for file output. */
  public static final Instant DEFAULT_FILE_START = Instant.parse("2026-04-06T00:00:00Z");

  public static SimSettings defaults() {
    return new SimSettings(
        DEFAULT_FILE_START,
        Duration.ofDays(1),
        20260406L,
        Demand.DEFAULTS,
        Calls.DEFAULTS,
        Fleet.DEFAULTS,
        Dispatch.DEFAULTS,
        Roads.DEFAULTS,
        JobCycle.DEFAULTS,
        Feeds.DEFAULTS,
        Scenarios.NONE,
        Delivery.CLEAN);
  }

  /** How many calls arrive, when and where. */
  public record Demand(
      double callsPerDay,
      double demandFactor,
      double[] hourOfDayProfile,
      double[] dayOfWeekProfile,
      double duplicateCallShare,
      double scatterKm) {
    /** The demand factor of a surge day ({@code simulate --surge}). */
    public static final double SURGE_FACTOR = 1.3;

    public static final Demand DEFAULTS =
        new Demand(
            6000,
            1.0,
            // Relative call rate by hour (UTC = local in April's first days is close enough):
            // quietest 03:00-07:00, busiest late morning to evening, as the LAS describes.
            new double[] {
              0.85, 0.76, 0.68, 0.60, 0.55, 0.55, 0.62, 0.76, 0.92, 1.06, 1.16, 1.21, //
              1.22, 1.19, 1.16, 1.15, 1.15, 1.16, 1.16, 1.13, 1.10, 1.06, 1.01, 0.93
            },
            // Monday first: Mondays are busiest, midweek slightly quieter.
            new double[] {1.06, 1.00, 0.98, 0.98, 1.00, 1.00, 0.98},
            0.30,
            2.2);

    public Demand withCallsPerDay(double value) {
      return new Demand(
          value, demandFactor, hourOfDayProfile, dayOfWeekProfile, duplicateCallShare, scatterKm);
    }

    public Demand withDemandFactor(double value) {
      return new Demand(
          callsPerDay, value, hourOfDayProfile, dayOfWeekProfile, duplicateCallShare, scatterKm);
    }
  }

  /** What happens on a call: triage, category mix, clinical outcomes, changes while waiting. */
  public record Calls(
      double hearAndTreatShare,
      Map<Category, Double> respondedCategoryMix,
      Map<Category, Double> hearAndTreatCategoryMix,
      Map<Category, Double> triageMedianSeconds,
      double triageSigma,
      double c1EarlyDispatchShare,
      Map<Category, Integer> clockStartCapSeconds,
      double hearAndTreatMedianMinutes,
      double lowPriorityValidationMedianMinutes,
      Map<Category, Double> cancelShare,
      double cancelMedianMinutes,
      double upgradeShare,
      double downgradeShare,
      double recategoriseMedianMinutes,
      Map<Category, Double> conveyShare,
      double duplicateCloseMedianMinutes) {
    public static final Calls DEFAULTS =
        new Calls(
            0.22,
            byCategory(0.145, 0.645, 0.200, 0.010),
            byCategory(0.0, 0.10, 0.58, 0.32),
            byCategory(50, 110, 150, 170),
            0.45,
            0.30,
            Map.of(Category.C1, 240, Category.C2, 240, Category.C3, 240, Category.C4, 240),
            40,
            15,
            byCategory(0.01, 0.09, 0.25, 0.25),
            45,
            0.04,
            0.05,
            25,
            byCategory(0.69, 0.66, 0.52, 0.40),
            3);
  }

  /** The fleet and its shifts. Each vehicle works one shift a day from its home station. */
  public record Fleet(
      int ambulances, int responseCars, List<Shift> dcaShifts, List<Shift> fruShifts) {
    public static final Fleet DEFAULTS =
        new Fleet(
            370,
            100,
            List.of(
                new Shift(6, 12, 0.12),
                new Shift(7, 12, 0.16),
                new Shift(8, 10, 0.08),
                new Shift(10, 12, 0.13),
                new Shift(12, 12, 0.11),
                new Shift(14, 12, 0.10),
                new Shift(18, 12, 0.13),
                new Shift(19, 12, 0.13),
                new Shift(22, 10, 0.04)),
            List.of(new Shift(7, 12, 0.40), new Shift(11, 12, 0.25), new Shift(19, 12, 0.35)));

    public Fleet withSize(int dcas, int frus) {
      return new Fleet(dcas, frus, dcaShifts, fruShifts);
    }
  }

  /** A shift: start hour (UTC), length, and the share of the fleet that works it. */
  public record Shift(int startHour, int hours, double share) {}

  /** Who is sent. */
  public record Dispatch(
      int lowPriorityReserveAmbulances,
      int responseCarReserveForC1,
      double c1DivertWhenEtaOverMinutes,
      double c2DivertWhenEtaOverMinutes,
      double freedVehicleMaxTravelMinutes,
      double c2PreferAmbulanceSlackMinutes,
      Map<Category, Double> queueDeadlineMinutes,
      double mobiliseSecondsAtStation,
      double mobiliseSecondsMobile) {
    public static final Dispatch DEFAULTS =
        new Dispatch(5, 45, 10, 0, 25, 4, byCategory(0, 40, 150, 200), 60, 20);
  }

  /** Road-speed model: straight-line distance times a road factor, speed by hour of day. */
  public record Roads(
      double roadFactor,
      double blueLightKmh,
      double normalKmh,
      double responseCarSpeedFactor,
      double[] hourSpeedFactor,
      double travelNoiseSigma) {
    public static final Roads DEFAULTS =
        new Roads(
            1.35,
            34,
            26,
            1.10,
            new double[] {
              1.25, 1.25, 1.25, 1.25, 1.25, 1.20, 1.10, 0.90, 0.82, 0.88, 0.95, 0.95, //
              0.95, 0.95, 0.95, 0.92, 0.86, 0.82, 0.86, 0.95, 1.02, 1.08, 1.12, 1.18
            },
            0.18);
  }

  /** Times on scene and at hospital. */
  public record JobCycle(
      double onSceneConveyMedianMinutes,
      double onSceneTreatMedianMinutes,
      double onSceneSigma,
      double responseCarStayAfterAmbulanceMinutes,
      double handoverMedianMinutes,
      double handoverSigma,
      double handoverOccupancyGain,
      double releaseToRespondMinutes,
      double handoverToClearMedianMinutes,
      double walkInsPerCubicleHour,
      double edStayMedianHours) {
    public static final JobCycle DEFAULTS =
        new JobCycle(32, 42, 0.40, 8, 14, 0.40, 3.0, 45, 11, 0.16, 4.0);
  }

  /** Cadence of the vehicle and hospital feeds. */
  public record Feeds(Duration avlInterval, Duration hospitalInterval, boolean avlEnabled) {
    public static final Feeds DEFAULTS =
        new Feeds(Duration.ofSeconds(30), Duration.ofMinutes(15), true);
  }

  /** Switchable what-ifs. Null members are off. */
  public record Scenarios(MajorIncident majorIncident, EdClosure edClosure, Window avlOutage) {
    public static final Scenarios NONE = new Scenarios(null, null, null);
  }

  /** A burst of calls from one place. */
  public record MajorIncident(Instant at, double lat, double lon, int calls, Duration over) {}

  /** An emergency department closed to ambulances (on divert) for a while. */
  public record EdClosure(String hospitalId, Window window) {}

  /** A half-open interval of simulated time. */
  public record Window(Instant from, Instant until) {
    public boolean contains(long millis) {
      return millis >= from.toEpochMilli() && millis < until.toEpochMilli();
    }
  }

  /** Imperfect delivery, as a real feed has: malformed, repeated and late records. */
  public record Delivery(
      double malformedShare, double duplicateShare, double outOfOrderShare, Duration maxDelay) {
    public static final Delivery CLEAN = new Delivery(0, 0, 0, Duration.ofMinutes(2));

    public boolean isClean() {
      return malformedShare == 0 && duplicateShare == 0 && outOfOrderShare == 0;
    }
  }

  static Map<Category, Double> byCategory(double c1, double c2, double c3, double c4) {
    Map<Category, Double> map = new EnumMap<>(Category.class);
    map.put(Category.C1, c1);
    map.put(Category.C2, c2);
    map.put(Category.C3, c3);
    map.put(Category.C4, c4);
    return Map.copyOf(map);
  }

  public SimSettings withStart(Instant value) {
    return new SimSettings(
        value, duration, seed, demand, calls, fleet, dispatch, roads, jobCycle, feeds, scenarios,
        delivery);
  }

  public SimSettings withDuration(Duration value) {
    return new SimSettings(
        start, value, seed, demand, calls, fleet, dispatch, roads, jobCycle, feeds, scenarios,
        delivery);
  }

  public SimSettings withSeed(long value) {
    return new SimSettings(
        start, duration, value, demand, calls, fleet, dispatch, roads, jobCycle, feeds, scenarios,
        delivery);
  }

  public SimSettings withDemand(Demand value) {
    return new SimSettings(
        start, duration, seed, value, calls, fleet, dispatch, roads, jobCycle, feeds, scenarios,
        delivery);
  }

  public SimSettings withFleet(Fleet value) {
    return new SimSettings(
        start, duration, seed, demand, calls, value, dispatch, roads, jobCycle, feeds, scenarios,
        delivery);
  }

  public SimSettings withFeeds(Feeds value) {
    return new SimSettings(
        start, duration, seed, demand, calls, fleet, dispatch, roads, jobCycle, value, scenarios,
        delivery);
  }

  public SimSettings withScenarios(Scenarios value) {
    return new SimSettings(
        start, duration, seed, demand, calls, fleet, dispatch, roads, jobCycle, feeds, value,
        delivery);
  }

  public SimSettings withDelivery(Delivery value) {
    return new SimSettings(
        start, duration, seed, demand, calls, fleet, dispatch, roads, jobCycle, feeds, scenarios,
        value);
  }
}
