package uk.ambulance.ops.events.json;

import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.VehicleType;

/** Parses {@code cad.incidents} records, enforcing the fields each step type requires. */
public final class IncidentEventParser extends RecordParser<IncidentEvent> {
  private static final long serialVersionUID = 1L;

  public IncidentEventParser(ValidationRules rules) {
    super(rules);
  }

  @Override
  IncidentEvent read(JsonFields f) throws InvalidRecordException {
    String eventId = f.id("eventId");
    String incidentId = f.id("incidentId");
    IncidentEventType type = f.enumValue("type", IncidentEventType.class);
    var time = eventTime(f);
    return switch (type) {
      case CALL_CONNECTED -> {
        double lat = f.number("lat");
        double lon = f.number("lon");
        checkLocation(lat, lon);
        yield IncidentEvent.callConnected(
            eventId, incidentId, time, lat, lon, f.optionalEnum("area", Area.class));
      }
      case CATEGORISED ->
          IncidentEvent.categorised(
              eventId, incidentId, time, f.enumValue("category", Category.class));
      case RESOURCE_ASSIGNED, RESOURCE_ARRIVED ->
          IncidentEvent.resource(
              eventId,
              incidentId,
              type,
              time,
              f.id("vehicleId"),
              f.enumValue("vehicleType", VehicleType.class),
              f.bool("transportCapable"));
      case LEFT_SCENE ->
          IncidentEvent.vehicleStep(
              eventId, incidentId, type, time, f.id("vehicleId"), f.optionalId("hospitalId"));
      case ARRIVED_HOSPITAL, HANDOVER_COMPLETE ->
          IncidentEvent.vehicleStep(
              eventId, incidentId, type, time, f.id("vehicleId"), f.id("hospitalId"));
      case RESOURCE_CLEAR ->
          IncidentEvent.vehicleStep(eventId, incidentId, type, time, f.id("vehicleId"), null);
      case CLOSED ->
          IncidentEvent.closed(eventId, incidentId, time, f.enumValue("outcome", Outcome.class));
    };
  }
}
