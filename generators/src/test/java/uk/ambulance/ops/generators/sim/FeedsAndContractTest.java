package uk.ambulance.ops.generators.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.HospitalStatusParser;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.ParseResult;
import uk.ambulance.ops.events.json.RecordParser;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.json.VehiclePositionParser;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.support.SimRun;

/** Eight simulated hours with all three feeds: every record valid, the feeds on their cadence. */
class FeedsAndContractTest {
  private static SimRun run;

  @BeforeAll
  static void simulate() {
    run = SimRun.of(SimSettings.defaults().withDuration(Duration.ofHours(8)), true);
  }

  @Test
  void everyRecordPassesTheContractParsersWithDefaultRules() {
    ValidationRules rules = ValidationRules.defaults();
    Map<String, RecordParser<?>> parsers =
        Map.of(
            Topics.CAD_INCIDENTS, new IncidentEventParser(rules),
            Topics.AVL_POSITIONS, new VehiclePositionParser(rules),
            Topics.HOSPITAL_STATUS, new HospitalStatusParser(rules));
    Map<String, Integer> perTopic = new HashMap<>();
    for (OutRecord r : run.sink.records) {
      ParseResult<?> result = parsers.get(r.topic()).parse(r.value());
      assertThat(result)
          .as("%s %s", r.topic(), new String(r.value()))
          .isInstanceOf(ParseResult.Valid.class);
      perTopic.merge(r.topic(), 1, Integer::sum);
    }
    assertThat(perTopic).containsOnlyKeys(Topics.INPUTS);
  }

  @Test
  void everyEventIdIsUnique() {
    assertThat(run.sink.records.stream().map(r -> eventId(r)).distinct().count())
        .isEqualTo(run.sink.records.size());
  }

  private static String eventId(OutRecord r) {
    String json = new String(r.value());
    int i = json.indexOf("\"eventId\":\"") + 11;
    return json.substring(i, json.indexOf('"', i));
  }

  @Test
  void onDutyVehiclesReportAtLeastEveryThirtySeconds() {
    VehiclePositionParser parser = new VehiclePositionParser(ValidationRules.defaults());
    Map<String, VehiclePosition> last = new HashMap<>();
    long checked = 0;
    for (OutRecord r : run.sink.topic(Topics.AVL_POSITIONS)) {
      VehiclePosition p = ((ParseResult.Valid<VehiclePosition>) parser.parse(r.value())).event();
      VehiclePosition previous = last.put(p.vehicleId(), p);
      if (previous != null && previous.status() != VehicleStatus.OFF_DUTY) {
        assertThat(p.timeMillis() - previous.timeMillis())
            .as("gap for %s after %s", p.vehicleId(), previous.time())
            .isLessThanOrEqualTo(30_000);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100_000);
  }

  @Test
  void everyHospitalReportsAtLeastEveryFifteenMinutes() {
    HospitalStatusParser parser = new HospitalStatusParser(ValidationRules.defaults());
    Map<String, Long> last = new HashMap<>();
    long start = run.settings.start().toEpochMilli();
    for (OutRecord r : run.sink.topic(Topics.HOSPITAL_STATUS)) {
      HospitalStatus s = ((ParseResult.Valid<HospitalStatus>) parser.parse(r.value())).event();
      long previous = last.getOrDefault(s.hospitalId(), start);
      assertThat(s.timeMillis() - previous).isLessThanOrEqualTo(15 * 60_000);
      last.put(s.hospitalId(), s.timeMillis());
    }
    assertThat(last).hasSizeGreaterThanOrEqualTo(25);
  }

  @Test
  void recordsAreDeliveredInTimeOrderWhenDeliveryIsClean() {
    List<OutRecord> records = run.sink.records;
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).timeMillis())
          .isGreaterThanOrEqualTo(records.get(i - 1).timeMillis());
    }
  }
}
