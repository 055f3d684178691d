package uk.ambulance.ops.generators.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.geo.Borough;
import uk.ambulance.ops.events.geo.London;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.generators.geo.Geo;
import uk.ambulance.ops.generators.geo.Station;

/**
 * The vehicles: built at stations in proportion to the population each station covers, each working
 * one shift a day, and reporting positions on the AVL feed.
 */
final class Fleet {
  /** AVL reports are spread over this many slots of the interval, not all at one instant. */
  private static final int AVL_SLOTS = 6;

  final List<Vehicle> vehicles = new ArrayList<>();
  private final SimSettings settings;
  private final EventQueue queue;
  private final Emitter emitter;

  Fleet(List<Station> stations, SimSettings settings, EventQueue queue, Emitter emitter) {
    this.settings = settings;
    this.queue = queue;
    this.emitter = emitter;
    SimSettings.Fleet fleet = settings.fleet();
    addVehicles("DCA", VehicleType.DCA, true, apportion(stations, fleet.ambulances()));
    addVehicles("FRU", VehicleType.FRU, false, apportion(stations, fleet.responseCars()));
  }

  /** Vehicles of one type, {@code <prefix>001} on, one at each home given. */
  private void addVehicles(
      String prefix, VehicleType type, boolean transportCapable, List<Station> homes) {
    for (int i = 0; i < homes.size(); i++) {
      vehicles.add(
          new Vehicle(
              String.format(prefix + "%03d", i + 1),
              vehicles.size(),
              type,
              transportCapable,
              homes.get(i)));
    }
  }

  /**
   * Spreads {@code count} vehicles over the stations by the population nearest each (largest
   * remainder), interleaved so that the first vehicles of each shift are spread across London.
   */
  private static List<Station> apportion(List<Station> stations, int count) {
    double[] weight = new double[stations.size()];
    for (Borough b : London.BOROUGHS) {
      int nearest = 0;
      double best = Double.MAX_VALUE;
      for (int i = 0; i < stations.size(); i++) {
        double km = Geo.distanceKm(b.lat(), b.lon(), stations.get(i).lat(), stations.get(i).lon());
        if (km < best) {
          best = km;
          nearest = i;
        }
      }
      weight[nearest] += b.population();
    }
    double total = 0;
    for (int i = 0; i < weight.length; i++) {
      // Every station keeps some vehicles: a borough's people live all around, not at its centre.
      weight[i] += 60_000;
      total += weight[i];
    }
    int[] allotted = new int[stations.size()];
    double[] remainder = new double[stations.size()];
    int given = 0;
    for (int i = 0; i < weight.length; i++) {
      double exact = count * weight[i] / total;
      allotted[i] = (int) exact;
      remainder[i] = exact - allotted[i];
      given += allotted[i];
    }
    while (given < count) {
      int best = 0;
      for (int i = 1; i < remainder.length; i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      allotted[best]++;
      remainder[best] = -1;
      given++;
    }
    List<Station> homes = new ArrayList<>();
    for (int round = 0; homes.size() < count; round++) {
      for (int i = 0; i < stations.size(); i++) {
        if (allotted[i] > round) {
          homes.add(stations.get(i));
        }
      }
    }
    return homes;
  }

  /** Schedules every shift that overlaps the run (plus a day for the drain) and the AVL ticks. */
  void start(long t0, long end, Dispatcher dispatcher, JobCycle jobs) {
    LocalDate firstDay =
        LocalDate.ofInstant(Instant.ofEpochMilli(t0), LocalTime.LONDON).minusDays(1);
    long days = (end - t0) / 86_400_000L + 3;
    int dcaIndex = 0;
    int fruIndex = 0;
    for (Vehicle v : vehicles) {
      boolean dca = v.type == VehicleType.DCA;
      SimSettings.Shift shift =
          dca
              ? shiftFor(settings.fleet().dcaShifts(), dcaIndex++, settings.fleet().ambulances())
              : shiftFor(settings.fleet().fruShifts(), fruIndex++, settings.fleet().responseCars());
      for (int d = 0; d < days; d++) {
        long from =
            firstDay
                .plusDays(d)
                .atTime(shift.startHour(), 0)
                .atZone(LocalTime.LONDON)
                .toInstant()
                .toEpochMilli();
        long until = from + shift.hours() * 3_600_000L;
        if (until <= t0) {
          continue;
        }
        queue.at(Math.max(from, t0), () -> startShift(v, dispatcher));
        queue.at(until, () -> endShift(v, jobs));
      }
    }
    long slot = settings.feeds().avlInterval().toMillis() / AVL_SLOTS;
    if (emitter.wantsPositions() || settings.scenarios().avlOutage() != null) {
      queue.at(t0, () -> avlTick(t0, 0, slot));
    }
  }

  /** The shift of the i-th of n vehicles: shifts take their share of the fleet in turn. */
  private static SimSettings.Shift shiftFor(List<SimSettings.Shift> shifts, int i, int n) {
    double total = 0;
    for (SimSettings.Shift s : shifts) {
      total += s.share();
    }
    // Interleave: vehicle i's position in [0,1) spread evenly so every station gets every shift.
    double position = ((i * 0.6180339887498949) % 1.0) * total;
    for (SimSettings.Shift s : shifts) {
      position -= s.share();
      if (position < 0) {
        return s;
      }
    }
    return shifts.get(shifts.size() - 1);
  }

  private void startShift(Vehicle v, Dispatcher dispatcher) {
    long now = queue.now();
    v.goOffDutyWhenFree = false;
    if (v.onDuty) {
      return;
    }
    v.onDuty = true;
    if (v.incident == null) {
      v.status = VehicleStatus.AVAILABLE;
      v.park(v.lat(now), v.lon(now), now);
      emitter.position(v, now);
      dispatcher.offerWork(v, now);
    }
  }

  private void endShift(Vehicle v, JobCycle jobs) {
    if (v.incident != null) {
      v.goOffDutyWhenFree = true;
    } else {
      jobs.goOffDuty(v, queue.now());
    }
  }

  private void avlTick(long time, int tick, long slot) {
    SimSettings.Window outage = settings.scenarios().avlOutage();
    emitter.suppressPositions(outage != null && outage.contains(time));
    if (emitter.wantsPositions()) {
      int phase = tick % AVL_SLOTS;
      for (Vehicle v : vehicles) {
        if (v.index % AVL_SLOTS == phase && (v.onDuty || time <= v.arriveAt() + slot * AVL_SLOTS)) {
          emitter.position(v, time);
        }
      }
    }
    queue.at(time + slot, () -> avlTick(time + slot, tick + 1, slot));
  }
}
