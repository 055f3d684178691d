package uk.ambulance.ops.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.VehicleType;

class IncidentEventParserTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private final IncidentEventParser parser =
      new IncidentEventParser(
          ValidationRules.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));

  private ParseResult<IncidentEvent> parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private String reason(String json) {
    ParseResult<IncidentEvent> result = parse(json);
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid<IncidentEvent>) result).reason();
  }

  private IncidentEvent valid(String json) {
    ParseResult<IncidentEvent> result = parse(json);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid<IncidentEvent>) result).event();
  }

  @Test
  void readsEveryStepTypeOfTheContract() {
    assertThat(
            valid(
                """
                {"eventId":"e1","incidentId":"i1","type":"CALL_CONNECTED","time":"2026-11-21T09:15:30.120Z",
                 "lat":51.5074,"lon":-0.1278,"area":"NC","extra":"ignored"}"""))
        .isEqualTo(
            IncidentEvent.callConnected(
                "e1", "i1", Instant.parse("2026-11-21T09:15:30.120Z"), 51.5074, -0.1278, Area.NC));
    assertThat(valid(step("CATEGORISED", "\"category\":\"C2\"")).category()).isEqualTo(Category.C2);
    IncidentEvent arrived =
        valid(
            step(
                "RESOURCE_ARRIVED",
                "\"vehicleId\":\"V1\",\"vehicleType\":\"FRU\",\"transportCapable\":false"));
    assertThat(arrived.vehicleType()).isEqualTo(VehicleType.FRU);
    assertThat(arrived.transportCapable()).isFalse();
    assertThat(valid(step("LEFT_SCENE", "\"vehicleId\":\"V1\"")).hospitalId()).isNull();
    assertThat(
            valid(step("HANDOVER_COMPLETE", "\"vehicleId\":\"V1\",\"hospitalId\":\"RLH\"")).type())
        .isEqualTo(IncidentEventType.HANDOVER_COMPLETE);
    assertThat(valid(step("CLOSED", "\"outcome\":\"CONVEYED_ED\"")).outcome())
        .isEqualTo(Outcome.CONVEYED_ED);
  }

  @Test
  void writingAndReadingBackGivesTheSameEvent() {
    IncidentEvent e =
        IncidentEvent.resource(
            "e9",
            "i9",
            IncidentEventType.RESOURCE_ASSIGNED,
            NOW.minusSeconds(5),
            "DCA7",
            VehicleType.DCA,
            true);
    assertThat(parser.parse(EventJson.toBytes(e))).isEqualTo(ParseResult.valid(e));
  }

  private static String step(String type, String extra) {
    return "{\"eventId\":\"e\",\"incidentId\":\"i\",\"type\":\""
        + type
        + "\",\"time\":\"2026-11-21T09:00:00Z\","
        + extra
        + "}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          malformed JSON            | {"eventId": | malformed JSON
          not an object             | [1,2,3]                                       | record is not a JSON object
          trailing garbage          | {"eventId":"e"} x                             | malformed JSON
          missing eventId           | {"incidentId":"i","type":"CLOSED","time":"2026-11-21T09:00:00Z","outcome":"CANCELLED"} | missing field 'eventId'
          blank incidentId          | {"eventId":"e","incidentId":" ","type":"CLOSED","time":"2026-11-21T09:00:00Z","outcome":"CANCELLED"} | field 'incidentId' must not be blank
          unknown type              | {"eventId":"e","incidentId":"i","type":"EXPLODED","time":"2026-11-21T09:00:00Z"} | unknown value 'EXPLODED' for field 'type'
          unknown category          | {"eventId":"e","incidentId":"i","type":"CATEGORISED","time":"2026-11-21T09:00:00Z","category":"C5"} | unknown value 'C5' for field 'category'
          lat as text               | {"eventId":"e","incidentId":"i","type":"CALL_CONNECTED","time":"2026-11-21T09:00:00Z","lat":"51.5","lon":-0.1} | field 'lat' must be a number
          outside London            | {"eventId":"e","incidentId":"i","type":"CALL_CONNECTED","time":"2026-11-21T09:00:00Z","lat":53.48,"lon":-2.24} | location 53.48,-2.24 is outside Greater London
          time without zone         | {"eventId":"e","incidentId":"i","type":"CLOSED","time":"2026-11-21 09:00:00","outcome":"CANCELLED"} | field 'time' must be an ISO-8601 UTC instant
          time beyond epoch millis  | {"eventId":"e","incidentId":"i","type":"CLOSED","time":"-1000000000-01-01T00:00:00Z","outcome":"CANCELLED"} | field 'time' must lie in the years 0000 to 9999
          time before year 0        | {"eventId":"e","incidentId":"i","type":"CLOSED","time":"-0001-12-31T23:59:59.999Z","outcome":"CANCELLED"} | field 'time' must lie in the years 0000 to 9999
          hospitalId line break     | {"eventId":"e","incidentId":"i","type":"ARRIVED_HOSPITAL","time":"2026-11-21T09:00:00Z","vehicleId":"V","hospitalId":"RLH\\n"} | field 'hospitalId' must not contain control characters, backslashes or unpaired surrogates
          hospitalId backslash      | {"eventId":"e","incidentId":"i","type":"ARRIVED_HOSPITAL","time":"2026-11-21T09:00:00Z","vehicleId":"V","hospitalId":"RLH\\\\"} | field 'hospitalId' must not contain control characters
          vehicleId lone surrogate  | {"eventId":"e","incidentId":"i","type":"RESOURCE_CLEAR","time":"2026-11-21T09:00:00Z","vehicleId":"V\\ud800"} | field 'vehicleId' must not contain control characters
          time a day ahead          | {"eventId":"e","incidentId":"i","type":"CLOSED","time":"2026-11-22T10:00:01Z","outcome":"CANCELLED"} | is more than 24h in the future
          transportCapable missing  | {"eventId":"e","incidentId":"i","type":"RESOURCE_ASSIGNED","time":"2026-11-21T09:00:00Z","vehicleId":"V","vehicleType":"DCA"} | missing field 'transportCapable'
          hospital missing          | {"eventId":"e","incidentId":"i","type":"ARRIVED_HOSPITAL","time":"2026-11-21T09:00:00Z","vehicleId":"V"} | missing field 'hospitalId'
          unknown outcome           | {"eventId":"e","incidentId":"i","type":"CLOSED","time":"2026-11-21T09:00:00Z","outcome":"VANISHED"} | unknown value 'VANISHED' for field 'outcome'
          """)
  void refusesWithAReasonThatSaysWhy(String what, String json, String expectedReason) {
    assertThat(reason(json)).as(what).contains(expectedReason);
  }

  @Test
  void identifiersMayCarryAnyOtherUnicode() {
    assertThat(
            valid(
                    step(
                        "HANDOVER_COMPLETE",
                        "\"vehicleId\":\"V\\ud83d\\ude91\",\"hospitalId\":\"St Mary's, Paddington=1\""))
                .hospitalId())
        .isEqualTo("St Mary's, Paddington=1");
  }

  @Test
  void aTimeExactlyADayAheadIsStillAccepted() {
    assertThat(
            parse(
                step("CLOSED", "\"outcome\":\"CANCELLED\"")
                    .replace("2026-11-21T09:00:00Z", "2026-11-22T10:00:00Z")))
        .isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void refusesOversizedAndEmptyRecordsBeforeParsing() {
    String padding = "x".repeat(ValidationRules.DEFAULT_MAX_RECORD_BYTES);
    assertThat(reason(step("CLOSED", "\"outcome\":\"CANCELLED\",\"pad\":\"" + padding + "\"")))
        .startsWith("record of ")
        .endsWith("bytes exceeds the limit of 16384 bytes");
    assertThat(((ParseResult.Invalid<IncidentEvent>) parser.parse(new byte[0])).reason())
        .isEqualTo("empty record");
    assertThat(((ParseResult.Invalid<IncidentEvent>) parser.parse(null)).reason())
        .isEqualTo("empty record");
  }

  @Test
  void refusesBinaryGarbage() {
    byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b};
    assertThat(((ParseResult.Invalid<IncidentEvent>) parser.parse(garbage)).reason())
        .startsWith("malformed JSON");
  }
}
