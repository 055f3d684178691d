package uk.ambulance.ops.generators.sim;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;

/**
 * One incident as the simulation knows it: what the caller will turn out to need (decided when the
 * call arrives, revealed step by step on the wire) and what has happened so far. The ground truth
 * is read from here, never from the emitted records.
 */
final class Incident {
  /** A category in force from a time on. */
  record CategoryChange(long time, Category category) {}

  final String id;
  final long seq;
  final long connectedAt;
  final double lat;
  final double lon;
  final Area area;

  // The truth behind the call, drawn when it arrives.
  final boolean duplicate;
  final boolean hearAndTreat;
  final boolean conveyed;
  final Category triageCategory;

  final List<CategoryChange> categories = new ArrayList<>();
  final List<Vehicle> active = new ArrayList<>();
  long firstAssignedAt = -1;
  long firstArrivalAt = -1;
  long firstTransportArrivalAt = -1;
  boolean needsAny;
  boolean needsTransport;
  boolean conveyingVehicleChosen;
  Outcome outcome;
  long closedAt = -1;
  int eventSeq;

  Incident(
      String id,
      long seq,
      long connectedAt,
      double lat,
      double lon,
      Area area,
      boolean duplicate,
      boolean hearAndTreat,
      boolean conveyed,
      Category triageCategory) {
    this.id = id;
    this.seq = seq;
    this.connectedAt = connectedAt;
    this.lat = lat;
    this.lon = lon;
    this.area = area;
    this.duplicate = duplicate;
    this.hearAndTreat = hearAndTreat;
    this.conveyed = conveyed;
    this.triageCategory = triageCategory;
  }

  Category category() {
    return categories.isEmpty() ? null : categories.get(categories.size() - 1).category();
  }

  long firstCategorisedAt() {
    return categories.isEmpty() ? -1 : categories.get(0).time();
  }

  boolean isClosed() {
    return outcome != null;
  }

  boolean hasArrival() {
    return firstArrivalAt >= 0;
  }

  boolean isWaiting() {
    return !isClosed() && (needsAny || needsTransport);
  }

  /** Dispatch priority: lower is more urgent. */
  int priority() {
    return category() == null ? Category.C1.ordinal() : category().ordinal();
  }
}
