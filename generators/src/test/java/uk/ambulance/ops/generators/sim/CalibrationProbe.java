package uk.ambulance.ops.generators.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.generators.truth.GroundTruth;
import uk.ambulance.ops.generators.truth.ResponseStats;

/** Prints the calibration table for a simulated week: a tuning aid, not a test. */
public class CalibrationProbe {
  static SimSettings settings(String[] args, int days) {
    SimSettings s = SimSettings.defaults().withDuration(Duration.ofDays(days));
    if (args.length > 2) {
      s = s.withFleet(s.fleet().withSize(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    }
    if (args.length > 3) {
      s = s.withSeed(Long.parseLong(args[3]));
    }
    return s;
  }

  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    List<GroundTruth> truths = new ArrayList<>();
    double[] occ = new double[2];
    java.util.Map<String, Long> assigned = new java.util.HashMap<>();
    java.util.Map<String, Integer> stoodDown = new java.util.HashMap<>();
    java.util.Set<String> arrivedIds = new java.util.HashSet<>();
    SimOutput out =
        new SimOutput() {
          public void incident(IncidentEvent e) {
            if (e.type() == uk.ambulance.ops.events.model.IncidentEventType.RESOURCE_ASSIGNED) {
              assigned.putIfAbsent(e.incidentId(), e.timeMillis());
            }
            if (e.type() == uk.ambulance.ops.events.model.IncidentEventType.RESOURCE_CLEAR
                && !arrivedIds.contains(e.incidentId())) {
              stoodDown.merge(e.incidentId(), 1, Integer::sum);
            }
            if (e.type() == uk.ambulance.ops.events.model.IncidentEventType.RESOURCE_ARRIVED) {
              arrivedIds.add(e.incidentId());
            }
          }

          public void vehicle(VehiclePosition p) {}

          public void hospital(HospitalStatus s) {
            occ[0] += s.edOccupancyPct();
            occ[1]++;
          }

          public void truth(GroundTruth t) {
            truths.add(t);
          }

          public boolean wantsVehiclePositions() {
            return false;
          }
        };
    long t = System.nanoTime();
    long calls = new Simulation(settings(args, days), out).run(ms -> {});
    System.out.printf(
        "calls %d in %.1f s, mean ED occupancy %.0f%%%n",
        calls, (System.nanoTime() - t) / 1e9, occ[0] / occ[1]);
    System.out.print(ResponseStats.of(truths).table());
    for (var cat : uk.ambulance.ops.events.model.Category.values()) {
      double toAssign = 0, toArrive = 0;
      int n = 0, diverted = 0;
      for (GroundTruth g : truths) {
        if (!g.counted() || g.countingCategory() != cat) continue;
        long a = assigned.get(g.incidentId());
        toAssign += a - g.clockStart().toEpochMilli();
        toArrive += g.clockStop().toEpochMilli() - a;
        n++;
        if (stoodDown.containsKey(g.incidentId())) diverted++;
      }
      System.out.printf(
          "%s start->firstAssign %.0f s, firstAssign->stop %.0f s, with stand-downs %d%n",
          cat, toAssign / n / 1000, toArrive / n / 1000, diverted);
    }
    if (System.getProperty("hours") != null) {
      double[][] sum = new double[4][24];
      int[][] n = new int[4][24];
      for (GroundTruth g : truths) {
        if (!g.counted()) continue;
        int h = g.clockStart().atZone(java.time.ZoneId.of("Europe/London")).getHour();
        int c = g.countingCategory().ordinal();
        sum[c][h] += g.responseTimeS();
        n[c][h]++;
      }
      for (int h = 0; h < 24; h++) {
        System.out.printf(
            "%02d  C1 %5.0f  C2 %6.0f (%4d)  C3 %6.0f (%4d)%n",
            h, sum[0][h] / n[0][h], sum[1][h] / n[1][h], n[1][h], sum[2][h] / n[2][h], n[2][h]);
      }
    }
  }
}
