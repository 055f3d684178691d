package uk.ambulance.ops.generators.sim;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.geo.London;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;

/**
 * An incident from the 999 call to its closure: triage, hear and treat or dispatch, changes of
 * category while waiting, cancellation, duplicate calls, and closing once every vehicle is clear.
 */
final class IncidentFlow extends ModelPart {
  private static final long MINUTE = 60_000L;

  /** A duplicate call is about an incident that began this recently. */
  private static final long DUPLICATE_WINDOW = 45 * MINUTE;

  private final Demand demand;
  private final Dispatcher dispatcher;
  private final JobCycle jobs;
  private final TruthBuilder truth;
  private final SimOutput out;
  private final List<Incident> recent = new ArrayList<>();
  private long nextSeq = 1;
  private int open;

  IncidentFlow(
      Shared shared, Rng rng, Demand demand, Dispatcher dispatcher, JobCycle jobs, SimOutput out) {
    super(shared, rng);
    this.demand = demand;
    this.dispatcher = dispatcher;
    this.jobs = jobs;
    this.truth = new TruthBuilder(settings.calls());
    this.out = out;
  }

  int openIncidents() {
    return open;
  }

  long callsSoFar() {
    return nextSeq - 1;
  }

  /** Ordinary demand: calls from [t0, end). */
  void start(long t0, long end) {
    scheduleNextCall(t0, end);
    SimSettings.MajorIncident major = settings.scenarios().majorIncident();
    if (major != null) {
      long at = major.at().toEpochMilli();
      long over = major.over().toMillis();
      for (int i = 0; i < major.calls(); i++) {
        long time = at + (major.calls() == 1 ? 0 : over * i / (major.calls() - 1));
        boolean first = i == 0;
        queue.at(time, () -> majorIncidentCall(major, first));
      }
    }
  }

  private void scheduleNextCall(long now, long end) {
    long next = demand.nextCall(now);
    if (next >= end) {
      return;
    }
    queue.at(
        next,
        () -> {
          newCall();
          scheduleNextCall(next, end);
        });
  }

  private void newCall() {
    long now = queue.now();
    Incident original = recentOpenIncident(now);
    if (original != null && rng.chance(settings.demand().duplicateCallShare())) {
      duplicateCall(original);
      return;
    }
    double[] place = demand.location();
    SimSettings.Calls calls = settings.calls();
    boolean hearAndTreat = rng.chance(calls.hearAndTreatShare());
    Category category =
        rng.category(hearAndTreat ? calls.hearAndTreatCategoryMix() : calls.respondedCategoryMix());
    boolean conveyed = !hearAndTreat && rng.chance(calls.conveyShare().get(category));
    Incident inc = create(place[0], place[1], false, hearAndTreat, conveyed, category);
    callConnected(inc);
  }

  private Incident create(
      double lat,
      double lon,
      boolean duplicate,
      boolean hearAndTreat,
      boolean conveyed,
      Category category) {
    long seq = nextSeq++;
    Incident inc =
        new Incident(
            emitter.incidentId(seq),
            seq,
            queue.now(),
            lat,
            lon,
            London.areaOf(lat, lon),
            duplicate,
            hearAndTreat,
            conveyed,
            category);
    open++;
    return inc;
  }

  private void callConnected(Incident inc) {
    emitter.callConnected(inc);
    recent.add(inc);
    SimSettings.Calls calls = settings.calls();
    long triage =
        Math.round(
            1000
                * rng.logNormal(
                    calls.triageMedianSeconds().get(inc.triageCategory), calls.triageSigma()));
    triage = Math.max(15_000, triage);
    if (inc.triageCategory == Category.C1
        && !inc.hearAndTreat
        && rng.chance(calls.c1EarlyDispatchShare())) {
      // The call's nature is clear before triage ends: a vehicle goes at once.
      queue.at(
          inc.connectedAt + triage / 2,
          () -> {
            inc.needsAny = true;
            dispatcher.dispatch(inc, queue.now());
          });
    }
    queue.at(inc.connectedAt + triage, () -> triage(inc));
  }

  private void triage(Incident inc) {
    long now = queue.now();
    if (inc.isClosed()) {
      return;
    }
    setCategory(inc, inc.triageCategory, now);
    SimSettings.Calls calls = settings.calls();
    if (inc.hearAndTreat) {
      long assess = Math.round(MINUTE * rng.logNormal(calls.hearAndTreatMedianMinutes(), 0.6));
      queue.at(now + assess, () -> close(inc, Outcome.HEAR_AND_TREAT, queue.now()));
      return;
    }
    if (rng.chance(calls.cancelShare().get(inc.triageCategory))) {
      long after = Math.round(MINUTE * rng.logNormal(calls.cancelMedianMinutes(), 0.8));
      queue.at(now + after, () -> cancel(inc));
    }
    double change = rng.uniform();
    if (change < calls.upgradeShare() + calls.downgradeShare()) {
      boolean upgrade = change < calls.upgradeShare();
      long after = Math.round(MINUTE * rng.logNormal(calls.recategoriseMedianMinutes(), 0.7));
      queue.at(now + after, () -> recategorise(inc, upgrade));
    }
    if (inc.triageCategory == Category.C3 || inc.triageCategory == Category.C4) {
      // A clinician validates a less urgent call before an ambulance is sent (and may upgrade it).
      long validation =
          Math.round(MINUTE * rng.logNormal(calls.lowPriorityValidationMedianMinutes(), 0.8));
      queue.at(now + validation, () -> readyForDispatch(inc));
    } else {
      readyForDispatch(inc);
    }
  }

  private void readyForDispatch(Incident inc) {
    if (inc.isClosed() || inc.firstAssignedAt >= 0) {
      return;
    }
    inc.needsAny = true;
    dispatcher.dispatch(inc, queue.now());
  }

  private void setCategory(Incident inc, Category category, long now) {
    inc.categories.add(new Incident.CategoryChange(now, category));
    emitter.categorised(inc, now);
  }

  /** Clinical review while waiting: one step up or down, if nobody has arrived yet. */
  private void recategorise(Incident inc, boolean upgrade) {
    if (inc.isClosed() || inc.hasArrival()) {
      return;
    }
    int step = upgrade ? -1 : 1;
    int to = inc.category().ordinal() + step;
    if (to < 0 || to >= Category.values().length) {
      return;
    }
    setCategory(inc, Category.values()[to], queue.now());
    if (upgrade && inc.firstAssignedAt < 0 && inc.category().ordinal() <= Category.C2.ordinal()) {
      inc.needsAny = true;
    }
    if (inc.isWaiting()) {
      dispatcher.dispatch(inc, queue.now());
    }
  }

  private void cancel(Incident inc) {
    if (inc.isClosed() || inc.hasArrival()) {
      return;
    }
    long now = queue.now();
    inc.needsAny = false;
    inc.needsTransport = false;
    List<Vehicle> released = jobs.standDown(inc, now);
    close(inc, Outcome.CANCELLED, now);
    for (Vehicle v : released) {
      jobs.free(v, now);
    }
  }

  /** A second caller about an incident already open: handled in minutes, never dispatched. */
  private void duplicateCall(Incident original) {
    double[] place = demand.near(original.lat, original.lon, 0.08);
    Incident dup = create(place[0], place[1], true, false, false, original.triageCategory);
    emitter.callConnected(dup);
    long close =
        Math.round(MINUTE * rng.logNormal(settings.calls().duplicateCloseMedianMinutes(), 0.5));
    if (rng.chance(0.5)) {
      queue.at(
          dup.connectedAt + close / 2,
          () ->
              setCategory(
                  dup,
                  original.category() == null ? original.triageCategory : original.category(),
                  queue.now()));
    }
    queue.at(dup.connectedAt + close, () -> close(dup, Outcome.DUPLICATE, queue.now()));
  }

  private Incident recentOpenIncident(long now) {
    recent.removeIf(i -> i.isClosed() || now - i.connectedAt > DUPLICATE_WINDOW);
    return recent.isEmpty() ? null : recent.get(rng.below(recent.size()));
  }

  private void majorIncidentCall(SimSettings.MajorIncident major, boolean first) {
    Incident earlier = null;
    for (Incident i : recent) {
      if (!i.isClosed() && i.seq >= 0 && isAt(i, major)) {
        earlier = i;
      }
    }
    if (!first && earlier != null && rng.chance(0.5)) {
      duplicateCall(earlier);
      return;
    }
    double[] place = demand.near(major.lat(), major.lon(), 0.15);
    Category category = rng.category(SimSettings.byCategory(0.25, 0.55, 0.20, 0));
    Incident inc = create(place[0], place[1], false, false, rng.chance(0.8), category);
    callConnected(inc);
  }

  private static boolean isAt(Incident inc, SimSettings.MajorIncident major) {
    return Math.abs(inc.lat - major.lat()) < 0.01 && Math.abs(inc.lon - major.lon()) < 0.015;
  }

  /** Closes an incident whose vehicles are all clear and whose needs are met. */
  void closeIfDone(Incident inc, long now) {
    if (inc.isClosed() || !inc.active.isEmpty() || inc.needsAny || inc.needsTransport) {
      return;
    }
    if (!inc.hasArrival()) {
      return;
    }
    close(inc, inc.conveyed ? Outcome.CONVEYED_ED : Outcome.SEE_AND_TREAT, now);
  }

  private void close(Incident inc, Outcome outcome, long now) {
    if (inc.isClosed()) {
      return;
    }
    inc.outcome = outcome;
    inc.closedAt = now;
    emitter.closed(inc, outcome, now);
    open--;
    out.truth(truth.build(inc));
  }
}
