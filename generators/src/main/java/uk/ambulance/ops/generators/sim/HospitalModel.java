package uk.ambulance.ops.generators.sim;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.generators.geo.EmergencyDepartment;
import uk.ambulance.ops.generators.geo.Geo;

/**
 * London's emergency departments: walk-in and ambulance patients fill them, patients leave after a
 * stay of hours, and ambulance handover slows as a department fills. Each department reports its
 * status when its OPEL level or divert changes and at least every feed interval.
 */
final class HospitalModel extends ModelPart {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  /**
   * Least gap between two change-driven reports, so that a level flickering at a boundary does not
   * flood the feed; the pending change is reported when the gap has passed.
   */
  private static final long MIN_CHANGE_GAP = 5 * MINUTE;

  private final List<EdState> eds = new ArrayList<>();
  private final LocalTime clock = new LocalTime();
  private final double[] hourProfile;
  private final double maxHourFactor;

  HospitalModel(List<EmergencyDepartment> departments, Shared shared, Rng rng) {
    super(shared, rng);
    for (EmergencyDepartment ed : departments) {
      eds.add(new EdState(ed, eds.size()));
    }
    this.hourProfile = Demand.normalised(settings.demand().hourOfDayProfile());
    double max = 0;
    for (double f : hourProfile) {
      max = Math.max(max, f);
    }
    this.maxHourFactor = max;
  }

  void start(long t0) {
    long interval = settings.feeds().hospitalInterval().toMillis();
    double stayMedian = settings.jobCycle().edStayMedianHours() * HOUR;
    for (EdState ed : eds) {
      // Start near a typical night-time fill, patients part-way through their stays.
      ed.patients = (int) Math.round(ed.ed.cubicles() * 0.8);
      for (int i = 0; i < ed.patients; i++) {
        queue.at(t0 + (long) rng.uniform(0, 2 * stayMedian), () -> discharge(ed));
      }
      scheduleWalkIn(ed, t0);
      // Stagger the periodic reports across the interval.
      long offset = interval * ed.index / eds.size();
      queue.at(t0 + offset, () -> periodicReport(ed, interval));
    }
    SimSettings.EdClosure closure = settings.scenarios().edClosure();
    if (closure != null) {
      EdState ed = byId(closure.hospitalId());
      queue.at(closure.window().from().toEpochMilli(), () -> setClosed(ed, true));
      queue.at(closure.window().until().toEpochMilli(), () -> setClosed(ed, false));
    }
  }

  private EdState byId(String id) {
    for (EdState ed : eds) {
      if (ed.ed.id().equals(id)) {
        return ed;
      }
    }
    throw new IllegalArgumentException("unknown hospital " + id);
  }

  private void setClosed(EdState ed, boolean closed) {
    ed.closedToAmbulances = closed;
    report(ed);
  }

  private void scheduleWalkIn(EdState ed, long now) {
    // Thinning: candidate arrivals at the peak rate, kept in proportion to the hour's rate.
    double peakPerHour =
        ed.ed.cubicles() * settings.jobCycle().walkInsPerCubicleHour() * maxHourFactor;
    long next = now + Math.max(1, Math.round(rng.exponential(HOUR / peakPerHour)));
    queue.at(
        next,
        () -> {
          if (rng.chance(hourProfile[clock.hour(next)] / maxHourFactor)) {
            admit(ed);
          }
          scheduleWalkIn(ed, next);
        });
  }

  /** A patient joins the department (walk-in or ambulance). */
  void admit(EdState ed) {
    ed.patients++;
    long stay = Math.round(rng.logNormal(settings.jobCycle().edStayMedianHours() * HOUR, 0.45));
    queue.at(queue.now() + stay, () -> discharge(ed));
    reportIfChanged(ed);
  }

  private void discharge(EdState ed) {
    ed.patients = Math.max(0, ed.patients - 1);
    reportIfChanged(ed);
  }

  /** The open department nearest to a place (by distance: ambulances convey on normal roads). */
  EdState nearestOpen(double lat, double lon) {
    EdState best = null;
    double bestKm = Double.MAX_VALUE;
    for (EdState ed : eds) {
      if (ed.closedToAmbulances) {
        continue;
      }
      double km = Geo.distanceKm(lat, lon, ed.ed.lat(), ed.ed.lon());
      if (km < bestKm) {
        bestKm = km;
        best = ed;
      }
    }
    return best;
  }

  /**
   * Arrival to handover: grows with occupancy above 85 %, and never beyond the release-to-respond
   * limit (a stable patient waiting that long is handed over so the crew can leave).
   */
  long handoverMillis(EdState ed) {
    SimSettings.JobCycle job = settings.jobCycle();
    double pressure = Math.max(0, ed.occupancyPct() / 100 - 0.85);
    double median = job.handoverMedianMinutes() * Math.exp(job.handoverOccupancyGain() * pressure);
    double minutes =
        Math.min(job.releaseToRespondMinutes(), rng.logNormal(median, job.handoverSigma()));
    return Math.round(Math.max(3, minutes) * MINUTE);
  }

  private void periodicReport(EdState ed, long interval) {
    report(ed);
    queue.at(queue.now() + interval, () -> periodicReport(ed, interval));
  }

  private void reportIfChanged(EdState ed) {
    if (ed.opel() == ed.lastOpel || ed.reportPending) {
      return;
    }
    long due = ed.lastReportAt + MIN_CHANGE_GAP;
    if (queue.now() >= due) {
      report(ed);
    } else {
      ed.reportPending = true;
      queue.at(
          due,
          () -> {
            if (ed.reportPending) {
              report(ed);
            }
          });
    }
  }

  private void report(EdState ed) {
    ed.lastReportAt = queue.now();
    ed.lastOpel = ed.opel();
    ed.lastDivert = ed.closedToAmbulances;
    ed.reportPending = false;
    emitter.hospital(
        ed, queue.now(), ed.occupancyPct(), ed.bedsAvailable(), ed.opel(), ed.closedToAmbulances);
  }
}
