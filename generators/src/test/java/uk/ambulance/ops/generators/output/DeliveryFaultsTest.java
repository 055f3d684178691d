package uk.ambulance.ops.generators.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
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
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.support.IndependentClock;
import uk.ambulance.ops.generators.support.SimRun;

/**
 * The same six hours delivered cleanly and with malformed, repeated and late records: the truth is
 * the same, and a consumer that drops invalid records and deduplicates by eventId recovers it.
 */
class DeliveryFaultsTest {
  private static final Duration MAX_DELAY = Duration.ofSeconds(120);
  private static SimRun clean;
  private static SimRun faulty;

  @BeforeAll
  static void simulate() {
    SimSettings base = SimSettings.defaults().withDuration(Duration.ofHours(6));
    clean = SimRun.of(base, true);
    faulty =
        SimRun.of(base.withDelivery(new SimSettings.Delivery(0.01, 0.02, 0.05, MAX_DELAY)), true);
  }

  @Test
  void groundTruthDoesNotDependOnDelivery() {
    assertThat(faulty.truthText).isEqualTo(clean.truthText);
  }

  @Test
  void aboutOneRecordInAHundredIsFollowedByAMalformedCopy() {
    ValidationRules rules = ValidationRules.defaults();
    Map<String, RecordParser<?>> parsers =
        Map.of(
            Topics.CAD_INCIDENTS, new IncidentEventParser(rules),
            Topics.AVL_POSITIONS, new VehiclePositionParser(rules),
            Topics.HOSPITAL_STATUS, new HospitalStatusParser(rules));
    long invalid =
        faulty.sink.records.stream()
            .filter(r -> parsers.get(r.topic()).parse(r.value()) instanceof ParseResult.Invalid)
            .count();
    double share = (double) invalid / clean.sink.records.size();
    assertThat(share).isBetween(0.008, 0.012);
  }

  @Test
  void repeatedRecordsCarryTheSameEventIdAndBytes() {
    Map<String, byte[]> byKeyAndBytes = new HashMap<>();
    long repeats = 0;
    for (OutRecord r : faulty.sink.records) {
      String text = new String(r.value());
      byte[] previous = byKeyAndBytes.put(text, r.value());
      if (previous != null) {
        assertThat(Arrays.equals(previous, r.value())).isTrue();
        repeats++;
      }
    }
    double share = (double) repeats / clean.sink.records.size();
    assertThat(share).isBetween(0.015, 0.025);
  }

  @Test
  void lateRecordsAreAtMostTheMaximumDelayBehind() {
    long latest = Long.MIN_VALUE;
    long late = 0;
    for (OutRecord r : faulty.sink.records) {
      if (r.timeMillis() < latest) {
        assertThat(latest - r.timeMillis()).isLessThanOrEqualTo(MAX_DELAY.toMillis());
        late++;
      }
      latest = Math.max(latest, r.timeMillis());
    }
    assertThat(late).isGreaterThan(1000);
  }

  @Test
  void aConsumerRecoversTheTruthFromTheFaultyStream() {
    var fromClean =
        IndependentClock.recompute(
            clean.validIncidentEvents(), clean.settings.calls().clockStartCapSeconds());
    var fromFaulty =
        IndependentClock.recompute(
            faulty.validIncidentEvents(), faulty.settings.calls().clockStartCapSeconds());
    assertThat(fromFaulty).isEqualTo(fromClean);
    assertThat(fromClean).hasSize(clean.truths.size());
  }
}
