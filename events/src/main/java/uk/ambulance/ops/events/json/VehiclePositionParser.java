package uk.ambulance.ops.events.json;

import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;

/** Parses {@code avl.positions} records. */
public final class VehiclePositionParser extends RecordParser<VehiclePosition> {
  private static final long serialVersionUID = 1L;

  public VehiclePositionParser(ValidationRules rules) {
    super(rules);
  }

  @Override
  VehiclePosition read(JsonFields f) throws InvalidRecordException {
    String eventId = f.id("eventId");
    String vehicleId = f.id("vehicleId");
    var time = eventTime(f);
    double lat = f.number("lat");
    double lon = f.number("lon");
    checkLocation(lat, lon);
    return new VehiclePosition(
        eventId,
        vehicleId,
        time,
        lat,
        lon,
        f.enumValue("status", VehicleStatus.class),
        f.enumValue("vehicleType", VehicleType.class),
        f.bool("transportCapable"),
        f.optionalNumber("speedKmh"),
        f.optionalNumber("headingDeg"),
        f.optionalId("incidentId"),
        f.optionalId("stationId"));
  }
}
