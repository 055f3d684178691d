package uk.ambulance.ops.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;

class OtherStreamParsersTest {
  private final VehiclePositionParser avl = new VehiclePositionParser(ValidationRules.defaults());
  private final HospitalStatusParser hospitals =
      new HospitalStatusParser(ValidationRules.defaults());

  @Test
  void vehiclePositionsRoundTrip() {
    var p =
        new VehiclePosition(
            "e1",
            "DCA1",
            Instant.parse("2026-04-06T10:00:00Z"),
            51.5,
            -0.1,
            VehicleStatus.CONVEYING,
            VehicleType.DCA,
            true,
            42.5,
            270.0,
            "INC-1",
            null);
    assertThat(avl.parse(EventJson.toBytes(p))).isEqualTo(ParseResult.valid(p));
  }

  @Test
  void vehiclePositionWithUnknownStatusIsRefused() {
    String json =
        """
        {"eventId":"e","vehicleId":"V","time":"2026-04-06T10:00:00Z","lat":51.5,"lon":-0.1,
         "status":"LOST","vehicleType":"DCA","transportCapable":true}""";
    assertThat(avl.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(ParseResult.invalid("unknown value 'LOST' for field 'status'"));
  }

  @Test
  void hospitalStatusRoundTripsAndChecksItsRanges() {
    var h =
        new HospitalStatus(
            "e1",
            "RLH",
            Instant.parse("2026-04-06T10:00:00Z"),
            "Royal London",
            51.518,
            -0.059,
            112.5,
            3,
            4,
            true);
    assertThat(hospitals.parse(EventJson.toBytes(h))).isEqualTo(ParseResult.valid(h));
    String opel5 = EventJson.toJson(h).replace("\"opelLevel\":4", "\"opelLevel\":5");
    assertThat(hospitals.parse(opel5.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(ParseResult.invalid("field 'opelLevel' must be 1 to 4, got 5"));
    String beds = EventJson.toJson(h).replace("\"bedsAvailable\":3", "\"bedsAvailable\":2.5");
    assertThat(hospitals.parse(beds.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(ParseResult.invalid("field 'bedsAvailable' must be a whole number"));
  }
}
