package uk.ambulance.ops.events.json;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;

/**
 * Coverage-guided fuzzing of the three record parsers with any bytes, starting from a valid record
 * of every shape and a dictionary of values that break careless readers. Every parser gets every
 * input, as a record on the wrong topic would arrive. The suite fuzzes a bounded, seeded run;
 * events/README.md says how to fuzz for longer. Inputs that once failed live in
 * RecordParsersFuzzTestInputs/ and run first, as regression cases.
 */
class RecordParsersFuzzTest {
  private static final IncidentEventParser INCIDENTS =
      new IncidentEventParser(ParserContract.RULES);
  private static final VehiclePositionParser POSITIONS =
      new VehiclePositionParser(ParserContract.RULES);
  private static final HospitalStatusParser STATUSES =
      new HospitalStatusParser(ParserContract.RULES);

  @MethodSource("uk.ambulance.ops.events.json.ValidRecords#all")
  @DictionaryFile(resourcePath = "records.dict")
  @FuzzTest(maxDuration = "60s", maxExecutions = 10000)
  void anyBytes(byte[] input) {
    ParserContract.holds(INCIDENTS, input, IncidentEvent::timeMillis);
    ParserContract.holds(POSITIONS, input, VehiclePosition::timeMillis);
    ParserContract.holds(STATUSES, input, HospitalStatus::timeMillis);
  }
}
