package uk.ambulance.ops.generators.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;

/**
 * Chooses who goes: the suitable free vehicle with the shortest estimated travel time, most urgent
 * calls first. A C1 gets the nearest vehicle of any kind and, if that is a car, the nearest
 * ambulance too. C2 takes an ambulance, or a car if it would be there clearly sooner. C3 and C4
 * take ambulances only while enough stay free for the calls that may follow (the reserve): this is
 * why low-priority calls wait for hours when the service is busy.
 */
final class Dispatcher {
  private final Comparator<Incident> queueOrder =
      Comparator.comparingInt((Incident i) -> i.priority() == 0 ? 0 : 1)
          .thenComparingLong(this::deadline)
          .thenComparingLong(i -> i.seq);

  private final List<Vehicle> vehicles;
  private final SimSettings.Dispatch settings;
  private final RoadModel roads;
  private final List<Incident> waiting = new ArrayList<>();
  private JobCycle jobs;

  Dispatcher(List<Vehicle> vehicles, SimSettings.Dispatch settings, RoadModel roads) {
    this.vehicles = vehicles;
    this.settings = settings;
    this.roads = roads;
  }

  void wire(JobCycle jobCycle) {
    this.jobs = jobCycle;
  }

  int waitingCount() {
    waiting.removeIf(i -> !i.isWaiting());
    return waiting.size();
  }

  /** Meets what it can of an incident's needs with free vehicles; queues the rest. */
  void dispatch(Incident inc, long now) {
    if (inc.isClosed()) {
      return;
    }
    Category category = inc.category() == null ? Category.C1 : inc.category();
    if (inc.needsAny) {
      Vehicle chosen =
          switch (category) {
            case C1 -> nearest(inc, now, null);
            case C2 -> withinReach(inc, now, chooseForC2(inc, now));
            case C3, C4 ->
                reserveAllows() ? withinReach(inc, now, nearest(inc, now, VehicleType.DCA)) : null;
          };
      if (category == Category.C1 || category == Category.C2) {
        chosen = divertIfSooner(inc, now, chosen, category == Category.C1 ? null : VehicleType.DCA);
      }
      if (chosen != null) {
        if (category == Category.C1 && !chosen.transportCapable) {
          inc.needsTransport = true;
        }
        jobs.assign(chosen, inc, now);
      }
    }
    if (inc.needsTransport && !inc.needsAny) {
      Vehicle ambulance = nearest(inc, now, VehicleType.DCA);
      if (category == Category.C1) {
        ambulance = divertIfSooner(inc, now, ambulance, VehicleType.DCA);
      }
      if (ambulance != null) {
        jobs.assign(ambulance, inc, now);
      }
    }
    if (inc.isWaiting() && !waiting.contains(inc)) {
      waiting.add(inc);
    }
  }

  /**
   * A free vehicle too far away is not sent to a C2-C4 call at once: one nearer is likely to come
   * free first. (The freed-vehicle rule sends a far one once the call is overdue.)
   */
  private Vehicle withinReach(Incident inc, long now, Vehicle v) {
    if (v == null) {
      return null;
    }
    long maxTravel = Math.round(settings.freedVehicleMaxTravelMinutes() * 60_000);
    return eta(v, inc, now) <= maxTravel ? v : null;
  }

  private Vehicle chooseForC2(Incident inc, long now) {
    Vehicle ambulance = nearest(inc, now, VehicleType.DCA);
    Vehicle car =
        freeCars() > settings.responseCarReserveForC1() ? nearest(inc, now, VehicleType.FRU) : null;
    if (car == null) {
      return ambulance;
    }
    if (ambulance == null) {
      return car;
    }
    long slack = Math.round(settings.c2PreferAmbulanceSlackMinutes() * 60_000);
    return eta(ambulance, inc, now) <= eta(car, inc, now) + slack ? ambulance : car;
  }

  /**
   * A vehicle has become free: it takes the most urgent, longest-waiting call it can serve within a
   * reasonable drive, or failing that the most urgent one anywhere.
   */
  void offerWork(Vehicle v, long now) {
    if (!v.isDispatchable()) {
      return;
    }
    waiting.removeIf(i -> !i.isWaiting());
    if (waiting.isEmpty()) {
      return;
    }
    waiting.sort(queueOrder);
    boolean reserveOk = reserveAllows();
    long maxTravel = Math.round(settings.freedVehicleMaxTravelMinutes() * 60_000);
    Incident fallback = null;
    for (Incident inc : waiting) {
      if (!canServe(v, inc, reserveOk, now)) {
        continue;
      }
      if (eta(v, inc, now) <= maxTravel) {
        jobs.assign(v, inc, now);
        return;
      }
      if (fallback == null && (inc.priority() == 0 || deadline(inc) <= now)) {
        fallback = inc;
      }
    }
    if (fallback != null) {
      jobs.assign(v, fallback, now);
    }
  }

  private boolean canServe(Vehicle v, Incident inc, boolean reserveOk, long now) {
    Category category = inc.category() == null ? Category.C1 : inc.category();
    boolean lowPriority = category == Category.C3 || category == Category.C4;
    if (v.transportCapable) {
      return inc.needsTransport
          || (inc.needsAny && (!lowPriority || reserveOk || deadline(inc) <= now));
    }
    return inc.needsAny && !lowPriority;
  }

  /**
   * When nothing free is near a C1 (or C2), a vehicle on its way to a less urgent call (C2 to C4
   * for a C1, C3 or C4 for a C2) is diverted to it if that gets someone there sooner; the other
   * call goes back in the queue.
   */
  private Vehicle divertIfSooner(Incident inc, long now, Vehicle chosen, VehicleType type) {
    boolean c1 = inc.priority() == Category.C1.ordinal();
    double minutes =
        c1 ? settings.c1DivertWhenEtaOverMinutes() : settings.c2DivertWhenEtaOverMinutes();
    if (minutes <= 0) {
      return chosen;
    }
    long limit = Math.round(minutes * 60_000);
    int lowestDivertible = c1 ? Category.C2.ordinal() : Category.C3.ordinal();
    long chosenEta = chosen == null ? Long.MAX_VALUE : eta(chosen, inc, now);
    if (chosenEta <= limit) {
      return chosen;
    }
    Vehicle best = null;
    // Diverting costs the other call its vehicle: only worth it for a clear gain.
    long bestEta = chosenEta == Long.MAX_VALUE ? chosenEta : chosenEta - 3 * 60_000;
    for (Vehicle v : vehicles) {
      if (v.status != VehicleStatus.ASSIGNED
          || v.incident == null
          || v.incident == inc
          || v.incident.priority() < lowestDivertible
          || (type != null && v.type != type)) {
        continue;
      }
      long eta = eta(v, inc, now);
      if (eta < bestEta) {
        bestEta = eta;
        best = v;
      }
    }
    if (best == null) {
      return chosen;
    }
    Incident previous = best.incident;
    jobs.divert(best, now);
    if (previous.isWaiting() && !waiting.contains(previous)) {
      waiting.add(previous);
    }
    return best;
  }

  private int freeCars() {
    int free = 0;
    for (Vehicle v : vehicles) {
      if (!v.transportCapable && v.isDispatchable()) {
        free++;
      }
    }
    return free;
  }

  /**
   * When a waiting call is due: C1 at once; the others by their connection time plus a deadline per
   * category, so a C3 that has waited long enough goes before a C2 that has just come in, and then
   * no longer waits behind the reserve.
   */
  private long deadline(Incident inc) {
    Category category = inc.category() == null ? Category.C1 : inc.category();
    return inc.connectedAt
        + Math.round(settings.queueDeadlineMinutes().getOrDefault(category, 0.0) * 60_000);
  }

  /** C3/C4 may take an ambulance only while more than the reserve are free. */
  private boolean reserveAllows() {
    int free = 0;
    for (Vehicle v : vehicles) {
      if (v.transportCapable && v.isDispatchable()) {
        free++;
      }
    }
    return free > settings.lowPriorityReserveAmbulances();
  }

  private Vehicle nearest(Incident inc, long now, VehicleType type) {
    Vehicle best = null;
    long bestEta = Long.MAX_VALUE;
    for (Vehicle v : vehicles) {
      if (!v.isDispatchable() || (type != null && v.type != type)) {
        continue;
      }
      long eta = eta(v, inc, now);
      if (eta < bestEta) {
        bestEta = eta;
        best = v;
      }
    }
    return best;
  }

  long eta(Vehicle v, Incident inc, long now) {
    boolean atStation = !v.isMoving(now);
    return roads.estimate(
        v.lat(now), v.lon(now), inc.lat, inc.lon, now, true, v.type, true, atStation);
  }
}
