package uk.ambulance.ops.jobs.response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.ambulance.ops.events.geo.London;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.Outcome;

/**
 * What is known of one incident so far, built from its events in whatever order they arrive.
 * Applying the same event twice changes nothing, so a duplicate that slips past de-duplication is
 * harmless. A Flink POJO: public fields, no-argument constructor.
 */
public class IncidentTimeline {
  public Long connectedMs;
  public Area area;
  public List<CategoryChange> categorisations = new ArrayList<>();
  public Long firstAssignedMs;
  public List<Arrival> arrivals = new ArrayList<>();

  /** A vehicle left the scene with a patient: the best guess at conveyance until the close. */
  public boolean leftWithPatient;

  public Outcome outcome;
  public Long closedMs;
  public long lastEventMs = Long.MIN_VALUE;

  public IncidentTimeline() {}

  public void apply(IncidentEvent e) {
    long t = e.timeMillis();
    lastEventMs = Math.max(lastEventMs, t);
    switch (e.type()) {
      case CALL_CONNECTED -> {
        connectedMs = min(connectedMs, t);
        area = e.area() != null ? e.area() : London.areaOf(e.lat(), e.lon());
      }
      case CATEGORISED -> addCategorisation(new CategoryChange(t, e.category()));
      case RESOURCE_ASSIGNED -> firstAssignedMs = min(firstAssignedMs, t);
      case RESOURCE_ARRIVED -> addArrival(new Arrival(t, e.vehicleId(), e.transportCapable()));
      case LEFT_SCENE -> leftWithPatient |= e.hospitalId() != null;
      case ARRIVED_HOSPITAL, HANDOVER_COMPLETE -> leftWithPatient = true;
      case RESOURCE_CLEAR -> {}
      case CLOSED -> {
        // A corrected closure replaces the earlier one, whatever order they arrive in.
        if (closedMs == null || t >= closedMs) {
          outcome = e.outcome();
          closedMs = t;
        }
      }
    }
  }

  private void addCategorisation(CategoryChange change) {
    if (!categorisations.contains(change)) {
      categorisations.add(change);
      categorisations.sort(Comparator.comparingLong(CategoryChange::timeMs));
    }
  }

  private void addArrival(Arrival arrival) {
    if (!arrivals.contains(arrival)) {
      arrivals.add(arrival);
      arrivals.sort(Comparator.comparingLong(Arrival::timeMs));
    }
  }

  private static Long min(Long current, long candidate) {
    return current == null ? candidate : Math.min(current, candidate);
  }

  public boolean isCategorised() {
    return !categorisations.isEmpty();
  }

  public CategoryChange firstCategorisation() {
    return categorisations.get(0);
  }

  /**
   * The category in force at {@code timeMs}: the last categorisation at or before it, or the first
   * one when the moment precedes every categorisation (an arrival whose triage is logged later).
   */
  public Category categoryAt(long timeMs) {
    Category inForce = categorisations.get(0).category();
    for (CategoryChange change : categorisations) {
      if (change.timeMs() > timeMs) {
        break;
      }
      inForce = change.category();
    }
    return inForce;
  }

  public Category highestCategory() {
    Category highest = categorisations.get(0).category();
    for (CategoryChange change : categorisations) {
      if (change.category().isHigherThan(highest)) {
        highest = change.category();
      }
    }
    return highest;
  }

  /** The latest categorisation: the category a waiting call is queued in now. */
  public Category currentCategory() {
    return categorisations.get(categorisations.size() - 1).category();
  }

  public Arrival firstArrival() {
    return arrivals.isEmpty() ? null : arrivals.get(0);
  }

  public Arrival firstTransportCapableArrival() {
    for (Arrival a : arrivals) {
      if (a.transportCapable()) {
        return a;
      }
    }
    return null;
  }

  /** Conveyed as far as known: the outcome once closed, before that whether a patient left. */
  public boolean conveyed() {
    return outcome != null ? outcome.isConveyed() : leftWithPatient;
  }

  public boolean isClosed() {
    return outcome != null;
  }
}
