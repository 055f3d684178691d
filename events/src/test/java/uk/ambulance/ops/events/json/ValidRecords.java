package uk.ambulance.ops.events.json;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;

/**
 * One valid record of every shape the contract has (each incident step, a position with and without
 * its optional fields, a hospital status): the seeds from which the fuzzers mutate near-valid
 * input.
 */
final class ValidRecords {
  private static final Instant T = Instant.parse("2026-11-21T09:15:30.120Z");

  private ValidRecords() {}

  static final List<IncidentEvent> INCIDENTS =
      List.of(
          IncidentEvent.callConnected("e1", "INC-1", T, 51.5074, -0.1278, Area.NC),
          IncidentEvent.callConnected("e2", "INC-2", T, 51.4, 0.1, null),
          IncidentEvent.categorised("e3", "INC-1", T, Category.C2),
          IncidentEvent.resource(
              "e4", "INC-1", IncidentEventType.RESOURCE_ASSIGNED, T, "DCA7", VehicleType.DCA, true),
          IncidentEvent.resource(
              "e5", "INC-1", IncidentEventType.RESOURCE_ARRIVED, T, "FRU2", VehicleType.FRU, false),
          IncidentEvent.vehicleStep("e6", "INC-1", IncidentEventType.LEFT_SCENE, T, "DCA7", "RLH"),
          IncidentEvent.vehicleStep("e7", "INC-1", IncidentEventType.LEFT_SCENE, T, "DCA7", null),
          IncidentEvent.vehicleStep(
              "e8", "INC-1", IncidentEventType.ARRIVED_HOSPITAL, T, "DCA7", "RLH"),
          IncidentEvent.vehicleStep(
              "e9", "INC-1", IncidentEventType.HANDOVER_COMPLETE, T, "DCA7", "RLH"),
          IncidentEvent.vehicleStep(
              "e10", "INC-1", IncidentEventType.RESOURCE_CLEAR, T, "DCA7", null),
          IncidentEvent.closed("e11", "INC-1", T, Outcome.CONVEYED_ED));

  static final List<VehiclePosition> POSITIONS =
      List.of(
          new VehiclePosition(
              "p1",
              "DCA7",
              T,
              51.5,
              -0.1,
              VehicleStatus.CONVEYING,
              VehicleType.DCA,
              true,
              42.5,
              270.0,
              "INC-1",
              null),
          new VehiclePosition(
              "p2",
              "FRU2",
              T,
              51.6,
              0.2,
              VehicleStatus.AVAILABLE,
              VehicleType.FRU,
              false,
              null,
              null,
              null,
              "STN-4"));

  static final List<HospitalStatus> STATUSES =
      List.of(
          new HospitalStatus("h1", "RLH", T, "Royal London", 51.518, -0.059, 112.5, 3, 4, true),
          new HospitalStatus("h2", "KCH", T, "King's College", 51.468, -0.094, 0.0, 0, 1, false));

  /** Every record above. */
  static List<Object> asList() {
    return Stream.of(INCIDENTS, POSITIONS, STATUSES)
        .flatMap(List::stream)
        .map(r -> (Object) r)
        .toList();
  }

  /** Every record above as JSON, one seed each. */
  static Stream<Arguments> all() {
    return asList().stream().map(r -> Arguments.of((Object) EventJson.toBytes(r)));
  }
}
