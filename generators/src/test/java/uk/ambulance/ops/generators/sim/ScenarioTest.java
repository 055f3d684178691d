package uk.ambulance.ops.generators.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.generators.geo.Geo;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.support.SimRun;

/** The switchable scenarios, each against the same hours without it. */
class ScenarioTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SimSettings SIX_HOURS =
      SimSettings.defaults().withDuration(Duration.ofHours(6));
  private static final Instant T0 = SIX_HOURS.start();

  private static long callsBetween(List<IncidentEvent> events, Instant from, Instant to) {
    return events.stream()
        .filter(e -> e.type() == IncidentEventType.CALL_CONNECTED)
        .filter(e -> !e.time().isBefore(from) && e.time().isBefore(to))
        .count();
  }

  @Test
  void majorIncidentIsABurstOfCallsFromOnePlace() {
    Instant at = T0.plus(Duration.ofHours(3));
    var major = new SimSettings.MajorIncident(at, 51.5033, -0.1196, 80, Duration.ofMinutes(20));
    SimRun run =
        SimRun.of(SIX_HOURS.withScenarios(new SimSettings.Scenarios(major, null, null)), false);
    SimRun base = SimRun.of(SIX_HOURS, false);
    Instant end = at.plus(Duration.ofMinutes(21));
    List<IncidentEvent> events = run.validIncidentEvents();
    long nearby =
        events.stream()
            .filter(e -> e.type() == IncidentEventType.CALL_CONNECTED)
            .filter(e -> !e.time().isBefore(at) && e.time().isBefore(end))
            .filter(e -> Geo.distanceKm(e.lat(), e.lon(), 51.5033, -0.1196) < 1.0)
            .count();
    assertThat(nearby).isGreaterThanOrEqualTo(80);
    assertThat(callsBetween(events, at, end) - callsBetween(base.validIncidentEvents(), at, end))
        .isBetween(60L, 100L);
  }

  @Test
  void aClosedEdReceivesNoAmbulancesAndSaysItIsOnDivert() {
    var window = new SimSettings.Window(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(5)));
    SimRun base = SimRun.of(SIX_HOURS, true);
    SimRun run =
        SimRun.of(
            SIX_HOURS.withScenarios(
                new SimSettings.Scenarios(null, new SimSettings.EdClosure("RLH", window), null)),
            true);
    assertThat(arrivalsAt(base, "RLH", window)).isGreaterThan(5);
    assertThat(arrivalsAt(run, "RLH", window)).isZero();
    boolean saidDivert =
        run.sink.topic(Topics.HOSPITAL_STATUS).stream()
            .map(ScenarioTest::json)
            .anyMatch(
                n -> n.get("hospitalId").asText().equals("RLH") && n.get("divert").asBoolean());
    assertThat(saidDivert).isTrue();
  }

  private static long arrivalsAt(SimRun run, String hospital, SimSettings.Window window) {
    return run.validIncidentEvents().stream()
        .filter(e -> e.type() == IncidentEventType.ARRIVED_HOSPITAL)
        .filter(e -> e.hospitalId().equals(hospital))
        .filter(e -> window.contains(e.timeMillis() - 60_000))
        .count();
  }

  @Test
  void surgeDayBringsAboutThirtyPercentMoreCalls() {
    SimSettings day = SimSettings.defaults();
    SimRun base = SimRun.of(day, false);
    SimRun surge = SimRun.of(day.withDemand(day.demand().withDemandFactor(1.3)), false);
    Instant end = day.start().plus(day.duration());
    double ratio =
        (double) callsBetween(surge.validIncidentEvents(), day.start(), end)
            / callsBetween(base.validIncidentEvents(), day.start(), end);
    assertThat(ratio).isBetween(1.2, 1.4);
  }

  @Test
  void avlOutageLeavesAGapInThePositionFeedOnly() {
    var outage =
        new SimSettings.Window(T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofMinutes(150)));
    SimRun run =
        SimRun.of(SIX_HOURS.withScenarios(new SimSettings.Scenarios(null, null, outage)), true);
    List<OutRecord> avl = run.sink.topic(Topics.AVL_POSITIONS);
    assertThat(avl.stream().filter(r -> outage.contains(r.timeMillis())).count()).isZero();
    assertThat(avl.stream().filter(r -> r.timeMillis() >= outage.until().toEpochMilli()).count())
        .isGreaterThan(10_000);
    assertThat(
            run.sink.topic(Topics.CAD_INCIDENTS).stream()
                .filter(r -> outage.contains(r.timeMillis()))
                .count())
        .isGreaterThan(100);
  }

  private static JsonNode json(OutRecord r) {
    try {
      return MAPPER.readTree(r.value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
