package uk.ambulance.ops.jobs.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.events.model.VehicleType;

/**
 * Incidents whose true response times are known by construction, not computed by the job's code:
 * each scenario places the clock start and stop where the domain brief says they are and records
 * them as the expected answer. The oracle for the MiniCluster and end-to-end tests.
 */
public final class CraftedIncidents {

  /** One expected measurement: what the job must count, in which category and area. */
  public record Expected(
      ReportingCategory category, Area area, long clockStopMs, long responseMs) {}

  public record Incident(String id, List<IncidentEvent> events, List<Expected> expected) {}

  private final Random random;
  private final Instant base;
  private int eventSeq;

  public CraftedIncidents(long seed, Instant base) {
    this.random = new Random(seed);
    this.base = base;
  }

  /** {@code count} incidents whose calls are connected within {@code spanSeconds} of the base. */
  public List<Incident> generate(int count, int spanSeconds) {
    List<Incident> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      long t0 = base.toEpochMilli() + random.nextInt(spanSeconds) * 1000L + random.nextInt(1000);
      out.add(scenario(n % 10, "INC-" + n, t0, Area.values()[random.nextInt(5)]));
    }
    return out;
  }

  private long between(long lowSeconds, long highSeconds) {
    return (lowSeconds + (long) random.nextInt((int) (highSeconds - lowSeconds + 1))) * 1000L;
  }

  private Incident scenario(int kind, String id, long t0, Area area) {
    Script s = new Script(id, t0);
    s.connected(0, area);
    List<Expected> expected = new ArrayList<>();
    switch (kind) {
      case 0 -> { // C1 reached first by a car, later by an ambulance, patient conveyed
        long start = between(20, 200);
        long car = start + between(120, 600);
        long dca = car + between(60, 900);
        s.categorised(start, Category.C1)
            .assigned(start + 5_000, "FRU", false)
            .assigned(start + 9_000, "DCA", true)
            .arrived(car, "FRU", false)
            .arrived(dca, "DCA", true)
            .leftScene(dca + 1_800_000, "DCA", "RLH")
            .closed(dca + 5_400_000, Outcome.CONVEYED_ED);
        expected.add(new Expected(ReportingCategory.C1, area, t0 + car, car - start));
        expected.add(new Expected(ReportingCategory.C1T, area, t0 + dca, dca - start));
      }
      case 1 -> { // C1 treated on scene by an ambulance
        long start = between(20, 200);
        long dca = start + between(180, 1200);
        s.categorised(start, Category.C1)
            .assigned(start + 3_000, "DCA", true)
            .arrived(dca, "DCA", true)
            .closed(dca + 2_400_000, Outcome.SEE_AND_TREAT);
        expected.add(new Expected(ReportingCategory.C1, area, t0 + dca, dca - start));
      }
      case 2 -> { // C2 conveyed: the car's arrival does not stop the clock, the ambulance's does
        long start = between(30, 220);
        long car = start + between(300, 1800);
        long dca = car + between(60, 1800);
        s.categorised(start, Category.C2)
            .assigned(start + 60_000, "FRU", false)
            .arrived(car, "FRU", false)
            .assigned(car + 1_000, "DCA", true)
            .arrived(dca, "DCA", true)
            .leftScene(dca + 1_500_000, "DCA", "STH")
            .closed(dca + 7_200_000, Outcome.CONVEYED_ED);
        expected.add(new Expected(ReportingCategory.C2, area, t0 + dca, dca - start));
      }
      case 3 -> { // not conveyed: the first arrival of any kind stops the clock
        Category c = List.of(Category.C2, Category.C3, Category.C4).get(random.nextInt(3));
        long start = between(30, 230);
        long car = start + between(300, 5400);
        s.categorised(start, c)
            .assigned(start + 120_000, "FRU", false)
            .arrived(car, "FRU", false)
            .arrived(car + 600_000, "DCA", true)
            .closed(car + 3_600_000, Outcome.SEE_AND_TREAT);
        expected.add(
            new Expected(ReportingCategory.valueOf(c.name()), area, t0 + car, car - start));
      }
      case 4 -> { // triage took longer than 240 s: the clock starts at the cap
        long categorised = between(300, 900);
        long dca = categorised + between(600, 3600);
        s.categorised(categorised, Category.C3)
            .assigned(categorised + 60_000, "DCA", true)
            .arrived(dca, "DCA", true)
            .closed(dca + 3_000_000, Outcome.SEE_AND_TREAT);
        expected.add(new Expected(ReportingCategory.C3, area, t0 + dca, dca - 240_000));
      }
      case 5 -> { // a vehicle was sent before triage finished: the clock starts at assignment
        long assigned = between(10, 60);
        long categorised = assigned + between(30, 150);
        long dca = categorised + between(200, 900);
        s.assigned(assigned, "DCA", true)
            .categorised(categorised, Category.C2)
            .arrived(dca, "DCA", true)
            .closed(dca + 2_000_000, Outcome.SEE_AND_TREAT);
        expected.add(new Expected(ReportingCategory.C2, area, t0 + dca, dca - assigned));
      }
      case 6 -> // hear and treat: no response time
          s.categorised(between(30, 200), Category.C4)
              .closed(between(900, 2400), Outcome.HEAR_AND_TREAT);
      case 7 -> { // cancelled before anyone arrived: excluded
        long start = between(30, 200);
        s.categorised(start, Category.C3)
            .assigned(start + 60_000, "DCA", true)
            .closed(start + 400_000, Outcome.CANCELLED);
      }
      case 8 -> { // upgraded from C3 to C2 while waiting: counted as C2 from the first triage
        long start = between(30, 200);
        long upgrade = start + between(300, 1200);
        long dca = upgrade + between(300, 1500);
        s.categorised(start, Category.C3)
            .categorised(upgrade, Category.C2)
            .assigned(upgrade + 10_000, "DCA", true)
            .arrived(dca, "DCA", true)
            .closed(dca + 2_500_000, Outcome.SEE_AND_TREAT);
        expected.add(new Expected(ReportingCategory.C2, area, t0 + dca, dca - start));
      }
      default -> { // never closed in the data: counted provisionally at its first arrival
        long start = between(30, 200);
        long dca = start + between(600, 4000);
        s.categorised(start, Category.C3)
            .assigned(start + 30_000, "DCA", true)
            .arrived(dca, "DCA", true);
        expected.add(new Expected(ReportingCategory.C3, area, t0 + dca, dca - start));
      }
    }
    return new Incident(id, s.events, expected);
  }

  /** The scopes response times are reported for: every area, and ALL. */
  public static List<String> scopes() {
    List<String> scopes = new ArrayList<>(List.of("ALL"));
    for (Area a : Area.values()) {
      scopes.add(a.name());
    }
    return scopes;
  }

  /** The expected measurements of these incidents in one category and scope. */
  public static List<Expected> expected(
      List<Incident> incidents, ReportingCategory category, String scope) {
    return incidents.stream()
        .flatMap(i -> i.expected().stream())
        .filter(
            e -> e.category() == category && (scope.equals("ALL") || e.area().name().equals(scope)))
        .toList();
  }

  /** Writes one incident's events; times are milliseconds after its connection. */
  private final class Script {
    private final String id;
    private final long t0;
    private final List<IncidentEvent> events = new ArrayList<>();

    Script(String id, long t0) {
      this.id = id;
      this.t0 = t0;
    }

    private Instant at(long offsetMs) {
      return Instant.ofEpochMilli(t0 + offsetMs);
    }

    private String eventId() {
      return id + "/" + (++eventSeq);
    }

    Script connected(long offset, Area area) {
      events.add(
          IncidentEvent.callConnected(
              eventId(),
              id,
              at(offset),
              51.5 + random.nextDouble() * 0.1,
              -0.2 + random.nextDouble() * 0.2,
              area));
      return this;
    }

    Script categorised(long offset, Category c) {
      events.add(IncidentEvent.categorised(eventId(), id, at(offset), c));
      return this;
    }

    Script assigned(long offset, String vehicle, boolean transportCapable) {
      events.add(resource(IncidentEventType.RESOURCE_ASSIGNED, offset, vehicle, transportCapable));
      return this;
    }

    Script arrived(long offset, String vehicle, boolean transportCapable) {
      events.add(resource(IncidentEventType.RESOURCE_ARRIVED, offset, vehicle, transportCapable));
      return this;
    }

    private IncidentEvent resource(
        IncidentEventType type, long offset, String vehicle, boolean tc) {
      return IncidentEvent.resource(
          eventId(),
          id,
          type,
          at(offset),
          id + "-" + vehicle,
          tc ? VehicleType.DCA : VehicleType.FRU,
          tc);
    }

    Script leftScene(long offset, String vehicle, String hospital) {
      events.add(
          IncidentEvent.vehicleStep(
              eventId(),
              id,
              IncidentEventType.LEFT_SCENE,
              at(offset),
              id + "-" + vehicle,
              hospital));
      return this;
    }

    Script closed(long offset, Outcome outcome) {
      events.add(IncidentEvent.closed(eventId(), id, at(offset), outcome));
      return this;
    }
  }
}
