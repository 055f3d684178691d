package uk.ambulance.ops.events.json;

import uk.ambulance.ops.events.model.HospitalStatus;

/** Parses {@code hospital.status} records. */
public final class HospitalStatusParser extends RecordParser<HospitalStatus> {
  private static final long serialVersionUID = 1L;

  public HospitalStatusParser(ValidationRules rules) {
    super(rules);
  }

  @Override
  HospitalStatus read(JsonFields f) throws InvalidRecordException {
    String eventId = f.id("eventId");
    String hospitalId = f.id("hospitalId");
    var time = eventTime(f);
    String name = f.text("name");
    double lat = f.number("lat");
    double lon = f.number("lon");
    checkLocation(lat, lon);
    double occupancy = f.number("edOccupancyPct");
    if (occupancy < 0) {
      throw new InvalidRecordException("field 'edOccupancyPct' must not be negative");
    }
    int beds = f.integer("bedsAvailable");
    if (beds < 0) {
      throw new InvalidRecordException("field 'bedsAvailable' must not be negative");
    }
    int opel = f.integer("opelLevel");
    if (opel < 1 || opel > 4) {
      throw new InvalidRecordException("field 'opelLevel' must be 1 to 4, got " + opel);
    }
    return new HospitalStatus(
        eventId, hospitalId, time, name, lat, lon, occupancy, beds, opel, f.bool("divert"));
  }
}
