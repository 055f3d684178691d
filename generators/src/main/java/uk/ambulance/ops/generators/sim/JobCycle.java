package uk.ambulance.ops.generators.sim;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.VehicleStatus;

/**
 * A vehicle's job: travel on blue lights, time on scene, the conveyance to the nearest open ED,
 * handover (slower when the ED is full, never past the release-to-respond limit), clear, and the
 * drive back to station, during which it is free for the next call.
 */
final class JobCycle extends ModelPart {
  private static final long MINUTE = 60_000L;

  private final RoadModel roads;
  private final HospitalModel hospitals;
  private Dispatcher dispatcher;
  private IncidentFlow incidents;

  JobCycle(Shared shared, Rng rng, RoadModel roads, HospitalModel hospitals) {
    super(shared, rng);
    this.roads = roads;
    this.hospitals = hospitals;
  }

  void wire(Dispatcher dispatcher, IncidentFlow incidents) {
    this.dispatcher = dispatcher;
    this.incidents = incidents;
  }

  void assign(Vehicle v, Incident inc, long now) {
    boolean atStation = !v.isMoving(now);
    int task = ++v.task;
    v.incident = inc;
    v.status = VehicleStatus.ASSIGNED;
    inc.active.add(v);
    inc.needsAny = false;
    if (v.transportCapable) {
      inc.needsTransport = false;
    }
    if (inc.firstAssignedAt < 0) {
      inc.firstAssignedAt = now;
    }
    emitter.resource(inc, IncidentEventType.RESOURCE_ASSIGNED, v, now);
    long estimate =
        roads.estimate(
            v.lat(now), v.lon(now), inc.lat, inc.lon, now, true, v.type, true, atStation);
    long arrival = now + roads.actual(estimate, rng);
    v.driveTo(inc.lat, inc.lon, now, arrival);
    emitter.position(v, now);
    queue.at(arrival, () -> ifStill(v, task, () -> arrive(v, inc)));
  }

  private static void ifStill(Vehicle v, int task, Runnable step) {
    if (v.task == task) {
      step.run();
    }
  }

  private void arrive(Vehicle v, Incident inc) {
    long now = queue.now();
    int task = v.task;
    v.status = VehicleStatus.ON_SCENE;
    v.park(inc.lat, inc.lon, now);
    emitter.resource(inc, IncidentEventType.RESOURCE_ARRIVED, v, now);
    emitter.position(v, now);
    if (inc.firstArrivalAt < 0) {
      inc.firstArrivalAt = now;
    }
    if (v.transportCapable && inc.firstTransportArrivalAt < 0) {
      inc.firstTransportArrivalAt = now;
    }
    SimSettings.JobCycle job = settings.jobCycle();
    if (!inc.conveyed) {
      long onScene = minutes(rng.logNormal(job.onSceneTreatMedianMinutes(), job.onSceneSigma()));
      queue.at(now + onScene, () -> ifStill(v, task, () -> clear(v, inc)));
      return;
    }
    if (v.transportCapable && !inc.conveyingVehicleChosen) {
      inc.conveyingVehicleChosen = true;
      long onScene = minutes(rng.logNormal(job.onSceneConveyMedianMinutes(), job.onSceneSigma()));
      queue.at(now + onScene, () -> ifStill(v, task, () -> leaveScene(v, inc)));
      // Anyone already on scene hands over to the ambulance crew and leaves.
      for (Vehicle other : new ArrayList<>(inc.active)) {
        if (other != v && other.status == VehicleStatus.ON_SCENE) {
          releaseHelper(other, inc);
        }
      }
      return;
    }
    if (inc.conveyingVehicleChosen) {
      releaseHelper(v, inc);
      return;
    }
    // A car with a patient who must go to hospital: it stays until an ambulance comes.
    if (!hasAmbulanceComing(inc) && !inc.needsTransport) {
      inc.needsTransport = true;
      dispatcher.dispatch(inc, now);
    }
  }

  private static boolean hasAmbulanceComing(Incident inc) {
    for (Vehicle v : inc.active) {
      if (v.transportCapable) {
        return true;
      }
    }
    return false;
  }

  private void releaseHelper(Vehicle v, Incident inc) {
    int task = v.task;
    long stay = minutes(settings.jobCycle().responseCarStayAfterAmbulanceMinutes());
    queue.at(queue.now() + stay, () -> ifStill(v, task, () -> clear(v, inc)));
  }

  private void leaveScene(Vehicle v, Incident inc) {
    long now = queue.now();
    int task = v.task;
    EdState ed = hospitals.nearestOpen(inc.lat, inc.lon);
    v.status = VehicleStatus.CONVEYING;
    emitter.vehicleStep(inc, IncidentEventType.LEFT_SCENE, v, ed.ed.id(), now);
    long estimate =
        roads.estimate(
            inc.lat, inc.lon, ed.ed.lat(), ed.ed.lon(), now, false, v.type, false, false);
    long arrival = now + roads.actual(estimate, rng);
    v.driveTo(ed.ed.lat(), ed.ed.lon(), now, arrival);
    emitter.position(v, now);
    queue.at(arrival, () -> ifStill(v, task, () -> arriveHospital(v, inc, ed)));
  }

  private void arriveHospital(Vehicle v, Incident inc, EdState ed) {
    long now = queue.now();
    int task = v.task;
    v.status = VehicleStatus.AT_HOSPITAL;
    v.park(ed.ed.lat(), ed.ed.lon(), now);
    emitter.vehicleStep(inc, IncidentEventType.ARRIVED_HOSPITAL, v, ed.ed.id(), now);
    emitter.position(v, now);
    long handover = hospitals.handoverMillis(ed);
    hospitals.admit(ed);
    queue.at(now + handover, () -> ifStill(v, task, () -> handover(v, inc, ed)));
  }

  private void handover(Vehicle v, Incident inc, EdState ed) {
    long now = queue.now();
    int task = v.task;
    emitter.vehicleStep(inc, IncidentEventType.HANDOVER_COMPLETE, v, ed.ed.id(), now);
    SimSettings.JobCycle job = settings.jobCycle();
    long toClear = minutes(rng.logNormal(job.handoverToClearMedianMinutes(), 0.35));
    queue.at(now + toClear, () -> ifStill(v, task, () -> clear(v, inc)));
  }

  /** The vehicle finishes its part in the incident and is free again. */
  private void clear(Vehicle v, Incident inc) {
    long now = queue.now();
    emitter.vehicleStep(inc, IncidentEventType.RESOURCE_CLEAR, v, null, now);
    inc.active.remove(v);
    incidents.closeIfDone(inc, now);
    free(v, now);
  }

  /**
   * Takes a vehicle off the incident it is driving to, for a more urgent one: it is stood down
   * there (RESOURCE_CLEAR) and that incident waits again for someone else.
   */
  void divert(Vehicle v, long now) {
    Incident previous = v.incident;
    emitter.vehicleStep(previous, IncidentEventType.RESOURCE_CLEAR, v, null, now);
    previous.active.remove(v);
    if (previous.active.isEmpty()) {
      previous.needsAny = true;
    } else if (v.transportCapable && !hasAmbulanceComing(previous)) {
      previous.needsTransport = true;
    }
    v.task++;
    v.incident = null;
    v.status = VehicleStatus.AVAILABLE;
  }

  /** Stands vehicles down from an incident that no longer needs them (cancelled). */
  List<Vehicle> standDown(Incident inc, long now) {
    List<Vehicle> released = new ArrayList<>(inc.active);
    for (Vehicle v : released) {
      emitter.vehicleStep(inc, IncidentEventType.RESOURCE_CLEAR, v, null, now);
    }
    inc.active.clear();
    return released;
  }

  /** A vehicle with no job: off duty if its shift is over, else back towards its station. */
  void free(Vehicle v, long now) {
    v.task++;
    v.incident = null;
    if (v.goOffDutyWhenFree || !v.onDuty) {
      goOffDuty(v, now);
      return;
    }
    v.status = VehicleStatus.AVAILABLE;
    driveHome(v, now);
    emitter.position(v, now);
    dispatcher.offerWork(v, now);
  }

  void goOffDuty(Vehicle v, long now) {
    v.onDuty = false;
    v.goOffDutyWhenFree = false;
    v.status = VehicleStatus.OFF_DUTY;
    driveHome(v, now);
    emitter.position(v, now);
  }

  private void driveHome(Vehicle v, long now) {
    long estimate =
        roads.estimate(
            v.lat(now), v.lon(now), v.home.lat(), v.home.lon(), now, false, v.type, false, false);
    v.driveTo(v.home.lat(), v.home.lon(), now, now + estimate);
  }

  private static long minutes(double m) {
    return Math.round(m * MINUTE);
  }
}
