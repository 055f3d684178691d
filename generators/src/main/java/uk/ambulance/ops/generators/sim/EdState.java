package uk.ambulance.ops.generators.sim;

import uk.ambulance.ops.generators.geo.EmergencyDepartment;

/** An emergency department's changing state: patients in the department, closure, last report. */
final class EdState {
  final EmergencyDepartment ed;
  final int index;
  int patients;
  boolean closedToAmbulances;
  long lastReportAt = Long.MIN_VALUE;
  int lastOpel;
  boolean lastDivert;
  boolean reportPending;

  EdState(EmergencyDepartment ed, int index) {
    this.ed = ed;
    this.index = index;
  }

  double occupancyPct() {
    return 100.0 * patients / ed.cubicles();
  }

  /** OPEL level from occupancy: 1 below 85 %, 2 below 100 %, 3 below 115 %, else 4. */
  int opel() {
    double occ = occupancyPct();
    return occ < 85 ? 1 : occ < 100 ? 2 : occ < 115 ? 3 : 4;
  }

  /** General and acute beds free: fewer as the department fills (patients wait for beds). */
  int bedsAvailable() {
    return (int) Math.max(0, Math.round(ed.cubicles() * 1.5 * (1.3 - occupancyPct() / 100)));
  }
}
