package uk.ambulance.ops.jobs.hospitals;

import uk.ambulance.ops.events.model.HospitalStatus;

/**
 * What reaches a hospital's operator: either a change to one crew's stay (inserted, or retracted
 * because it is superseded) from CAD, or a status report from the hospital's own feed.
 */
public record HospitalSignal(
    String hospitalId, HandoverRecord stay, boolean retract, HospitalStatus status) {

  public static HospitalSignal insert(HandoverRecord stay) {
    return new HospitalSignal(stay.hospitalId(), stay, false, null);
  }

  public static HospitalSignal retract(HandoverRecord stay) {
    return new HospitalSignal(stay.hospitalId(), stay, true, null);
  }

  public static HospitalSignal status(HospitalStatus status) {
    return new HospitalSignal(status.hospitalId(), null, false, status);
  }
}
