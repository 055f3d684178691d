package uk.ambulance.ops.generators.sim;

import java.time.Instant;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.generators.truth.GroundTruth;

/** Applies the clock rules to what the simulation knows happened to an incident. */
final class TruthBuilder {
  private final SimSettings.Calls calls;

  TruthBuilder(SimSettings.Calls calls) {
    this.calls = calls;
  }

  GroundTruth build(Incident inc) {
    Category initial = inc.categories.isEmpty() ? null : inc.categories.get(0).category();
    Category highest = null;
    for (Incident.CategoryChange change : inc.categories) {
      if (highest == null || change.category().isHigherThan(highest)) {
        highest = change.category();
      }
    }
    long start = clockStart(inc, initial);
    String startBy = clockStartBy(inc, initial, start);

    String excluded = exclusion(inc);
    boolean counted = excluded == null;
    Long stop = null;
    Category counting = null;
    Long c1tStop = null;
    if (counted) {
      Category atFirstArrival = inForceAt(inc, inc.firstArrivalAt);
      if (atFirstArrival == Category.C1) {
        stop = inc.firstArrivalAt;
        counting = Category.C1;
        if (inc.outcome.isConveyed()) {
          c1tStop = inc.firstTransportArrivalAt;
        }
      } else {
        stop = inc.outcome.isConveyed() ? inc.firstTransportArrivalAt : inc.firstArrivalAt;
        counting = inForceAt(inc, stop);
      }
    }
    return new GroundTruth(
        inc.id,
        inc.area,
        Instant.ofEpochMilli(inc.connectedAt),
        initial,
        highest,
        counting,
        inc.outcome,
        Instant.ofEpochMilli(inc.closedAt),
        counted,
        excluded,
        start < 0 ? null : Instant.ofEpochMilli(start),
        startBy,
        stop == null ? null : Instant.ofEpochMilli(stop),
        stop == null ? null : stop - start,
        stop == null ? null : GroundTruth.toSeconds(stop - start),
        counted ? counting == Category.C1 && c1tStop != null : null,
        c1tStop == null ? null : Instant.ofEpochMilli(c1tStop),
        c1tStop == null ? null : c1tStop - start,
        c1tStop == null ? null : GroundTruth.toSeconds(c1tStop - start));
  }

  private static String exclusion(Incident inc) {
    if (inc.outcome == Outcome.HEAR_AND_TREAT) {
      return "HEAR_AND_TREAT";
    }
    if (inc.outcome.isWithdrawn() && !inc.hasArrival()) {
      return inc.outcome == Outcome.DUPLICATE
          ? "DUPLICATE_BEFORE_ARRIVAL"
          : "CANCELLED_BEFORE_ARRIVAL";
    }
    if (!inc.hasArrival()) {
      return "NO_ARRIVAL";
    }
    return null;
  }

  private long clockStart(Incident inc, Category initial) {
    if (initial == null && inc.firstAssignedAt < 0) {
      return -1;
    }
    long start = Long.MAX_VALUE;
    if (initial != null) {
      start = Math.min(start, inc.firstCategorisedAt());
      start = Math.min(start, inc.connectedAt + 1000L * calls.clockStartCapSeconds().get(initial));
    }
    if (inc.firstAssignedAt >= 0) {
      start = Math.min(start, inc.firstAssignedAt);
    }
    return start;
  }

  private static String clockStartBy(Incident inc, Category initial, long start) {
    if (start < 0) {
      return null;
    }
    if (initial != null && inc.firstCategorisedAt() == start) {
      return "CATEGORISED";
    }
    if (inc.firstAssignedAt == start) {
      return "RESOURCE_ASSIGNED";
    }
    return "CALL_CONNECTED_PLUS_CAP";
  }

  private static Category inForceAt(Incident inc, long time) {
    Category inForce = inc.categories.get(0).category();
    for (Incident.CategoryChange change : inc.categories) {
      if (change.time() <= time) {
        inForce = change.category();
      }
    }
    return inForce;
  }
}
