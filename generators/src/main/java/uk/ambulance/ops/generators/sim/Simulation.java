package uk.ambulance.ops.generators.sim;

import java.util.SplittableRandom;
import uk.ambulance.ops.generators.geo.EmergencyDepartments;
import uk.ambulance.ops.generators.geo.Stations;

/**
 * A discrete-event simulation of the London Ambulance Service. Calls arrive for the configured
 * duration; the run then continues until every incident has closed, so that the ground truth is
 * complete. Everything random comes from one seed, split per part of the model, so the same
 * settings give the same output, record for record.
 */
public final class Simulation {
  /** Called now and then with the simulated time, for progress lines and live pacing. */
  public interface Clock {
    void reached(long simMillis);
  }

  private final SimSettings settings;
  private final SimOutput out;

  public Simulation(SimSettings settings, SimOutput out) {
    this.settings = settings;
    this.out = out;
  }

  /** Runs to completion. Returns the number of calls simulated. */
  public long run(Clock clock) {
    SplittableRandom root = new SplittableRandom(settings.seed());
    Rng demandRng = new Rng(root.split());
    Rng callRng = new Rng(root.split());
    Rng jobRng = new Rng(root.split());
    Rng hospitalRng = new Rng(root.split());

    long t0 = settings.start().toEpochMilli();
    long end = t0 + settings.duration().toMillis();
    EventQueue queue = new EventQueue();
    queue.at(t0, () -> {});
    RoadModel roads = new RoadModel(settings.roads(), settings.dispatch());
    Emitter emitter = new Emitter(out, settings.start(), settings.seed(), roads);
    ModelPart.Shared shared = new ModelPart.Shared(settings, queue, emitter);
    HospitalModel hospitals = new HospitalModel(EmergencyDepartments.LONDON, shared, hospitalRng);
    Fleet fleet = new Fleet(Stations.LONDON, settings, queue, emitter);
    Dispatcher dispatcher = new Dispatcher(fleet.vehicles, settings.dispatch(), roads);
    JobCycle jobs = new JobCycle(shared, jobRng, roads, hospitals);
    Demand demand = new Demand(settings.demand(), demandRng);
    IncidentFlow incidents = new IncidentFlow(shared, callRng, demand, dispatcher, jobs, out);
    dispatcher.wire(jobs);
    jobs.wire(dispatcher, incidents);

    hospitals.start(t0);
    fleet.start(t0, end, dispatcher, jobs);
    incidents.start(t0, end);

    long lastReported = t0;
    while (!queue.isEmpty()) {
      long next = queue.nextTime();
      if (next >= end && incidents.openIncidents() == 0) {
        break;
      }
      if (next - lastReported >= 1000) {
        clock.reached(next);
        lastReported = next;
      }
      queue.runNext();
    }
    clock.reached(queue.now());
    return incidents.callsSoFar();
  }
}
