package uk.ambulance.ops.jobs.response;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ambulance.ops.jobs.response.Incidents.at;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.outcomes.OutcomeChange;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.waiting.WaitingChange;

class IncidentClockFunctionTest {
  private static final Duration RETENTION = Duration.ofHours(1);
  private static final Duration MAX_OPEN = Duration.ofHours(24);

  private KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, ResponseChange> harness;
  private final Incidents i = new Incidents("INC-7");

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new IncidentClockFunction(ClockRules.defaults(), RETENTION, MAX_OPEN),
            IncidentEvent::incidentId,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(IncidentEvent e) throws Exception {
    harness.processElement(new StreamRecord<>(e, e.timeMillis()));
  }

  @Test
  void emitsTheMeasurementForItsAreaAndForAllOnceItIsKnown() throws Exception {
    send(i.connected(0, Area.SE));
    send(i.categorised(60, Category.C2));
    assertThat(harness.extractOutputValues()).isEmpty();
    send(i.arrived(660, "FRU1", false));
    assertThat(harness.extractOutputValues())
        .containsExactly(
            new ResponseChange(
                "INC-7", ReportingCategory.C2, "ALL", at(660).toEpochMilli(), 600_000, true, false),
            new ResponseChange(
                "INC-7", ReportingCategory.C2, "SE", at(660).toEpochMilli(), 600_000, true, false));
  }

  @Test
  void aCorrectionAtCloseRetractsTheProvisionalValue() throws Exception {
    send(i.connected(0, Area.NW));
    send(i.categorised(60, Category.C2));
    send(i.arrived(660, "FRU1", false));
    send(i.arrived(960, "DCA1", true));
    harness.getOutput().clear();
    send(i.closed(5000, Outcome.CONVEYED_ED));
    assertThat(harness.extractOutputValues())
        .containsExactly(
            new ResponseChange(
                "INC-7", ReportingCategory.C2, "ALL", at(660).toEpochMilli(), 600_000, true, true),
            new ResponseChange(
                "INC-7", ReportingCategory.C2, "NW", at(660).toEpochMilli(), 600_000, true, true),
            new ResponseChange(
                "INC-7",
                ReportingCategory.C2,
                "ALL",
                at(960).toEpochMilli(),
                900_000,
                false,
                false),
            new ResponseChange(
                "INC-7",
                ReportingCategory.C2,
                "NW",
                at(960).toEpochMilli(),
                900_000,
                false,
                false));
  }

  @Test
  void aClosedIncidentIsForgottenAfterTheRetentionAndLeavesNoTimer() throws Exception {
    send(i.connected(0, Area.NC));
    send(i.categorised(60, Category.C4));
    send(i.closed(600, Outcome.HEAR_AND_TREAT));
    assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(at(600).toEpochMilli() + RETENTION.toMillis() - 1);
    assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

    harness.processWatermark(at(600).toEpochMilli() + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.getSideOutput(IncidentClockFunction.SIGNALS)).isNull();
  }

  @Test
  void anIncidentThatNeverClosesExpiresAndIsCounted() throws Exception {
    send(i.connected(0, Area.NC));
    send(i.categorised(60, Category.C3));
    send(i.categorised(120, Category.C2));
    harness.processWatermark(at(120).toEpochMilli() + MAX_OPEN.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.getSideOutput(IncidentClockFunction.SIGNALS))
        .extracting(StreamRecord::getValue)
        .containsExactly(PipelineSignal.expired("cad.incidents"));
  }

  @Test
  void aLaterEventMovesTheCleanupInsteadOfAddingATimer() throws Exception {
    send(i.categorised(60, Category.C3));
    send(i.arrived(3600, "DCA1", true));
    send(i.closed(7200, Outcome.SEE_AND_TREAT));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  private List<WaitingChange> waiting() {
    var records = harness.getSideOutput(IncidentClockFunction.WAITING);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
  }

  private List<OutcomeChange> outcomes() {
    var records = harness.getSideOutput(IncidentClockFunction.OUTCOMES);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void aCallWaitsFromItsClockStartInTheCategoryInForceUntilSomeoneArrives() throws Exception {
    long start = at(240).toEpochMilli(); // triage took 300 s: the cap starts the clock
    long open = Long.MAX_VALUE;
    send(i.connected(0, Area.SW));
    send(i.categorised(300, Category.C3));
    assertThat(waiting())
        .containsExactly(
            new WaitingChange("INC-7", Category.C3, "ALL", start, open, false),
            new WaitingChange("INC-7", Category.C3, "SW", start, open, false));
    harness.getSideOutput(IncidentClockFunction.WAITING).clear();

    // Upgraded while waiting: it waited in C3 until then, and waits in C2 from then on.
    send(i.categorised(900, Category.C2));
    long upgraded = at(900).toEpochMilli();
    assertThat(waiting())
        .containsExactly(
            new WaitingChange("INC-7", Category.C3, "ALL", start, open, true),
            new WaitingChange("INC-7", Category.C3, "SW", start, open, true),
            new WaitingChange("INC-7", Category.C3, "ALL", start, upgraded, false),
            new WaitingChange("INC-7", Category.C3, "SW", start, upgraded, false),
            new WaitingChange("INC-7", Category.C2, "ALL", start, upgraded, open, false),
            new WaitingChange("INC-7", Category.C2, "SW", start, upgraded, open, false));
    harness.getSideOutput(IncidentClockFunction.WAITING).clear();

    send(i.arrived(1500, "DCA1", true)); // the wait ends at the arrival
    long arrived = at(1500).toEpochMilli();
    assertThat(waiting())
        .containsExactly(
            new WaitingChange("INC-7", Category.C2, "ALL", start, upgraded, open, true),
            new WaitingChange("INC-7", Category.C2, "SW", start, upgraded, open, true),
            new WaitingChange("INC-7", Category.C2, "ALL", start, upgraded, arrived, false),
            new WaitingChange("INC-7", Category.C2, "SW", start, upgraded, arrived, false));
  }

  @Test
  void aCallStillWaitingWhenItExpiresStopsWaitingThen() throws Exception {
    send(i.connected(0, Area.NE));
    send(i.categorised(60, Category.C4));
    harness.getSideOutput(IncidentClockFunction.WAITING).clear();
    long expiry = at(60).toEpochMilli() + MAX_OPEN.toMillis();
    harness.processWatermark(expiry);
    assertThat(waiting())
        .extracting(WaitingChange::retract, WaitingChange::endMs)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(true, Long.MAX_VALUE),
            org.assertj.core.groups.Tuple.tuple(true, Long.MAX_VALUE),
            org.assertj.core.groups.Tuple.tuple(false, expiry),
            org.assertj.core.groups.Tuple.tuple(false, expiry));
  }

  @Test
  void aClosureIsCountedOnceAndACorrectedClosureReplacesIt() throws Exception {
    send(i.connected(0, Area.NC));
    send(i.categorised(60, Category.C4));
    send(i.closed(900, Outcome.HEAR_AND_TREAT));
    long closed = at(900).toEpochMilli();
    assertThat(outcomes())
        .containsExactly(
            new OutcomeChange("INC-7", "ALL", closed, Outcome.HEAR_AND_TREAT, false),
            new OutcomeChange("INC-7", "NC", closed, Outcome.HEAR_AND_TREAT, false));
    harness.getSideOutput(IncidentClockFunction.OUTCOMES).clear();
    send(i.closed(600, Outcome.CANCELLED)); // an older closure arriving late changes nothing
    assertThat(outcomes()).isEmpty();
    send(i.closed(1200, Outcome.SEE_AND_TREAT));
    assertThat(outcomes())
        .extracting(OutcomeChange::outcome, OutcomeChange::retract)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Outcome.HEAR_AND_TREAT, true),
            org.assertj.core.groups.Tuple.tuple(Outcome.HEAR_AND_TREAT, true),
            org.assertj.core.groups.Tuple.tuple(Outcome.SEE_AND_TREAT, false),
            org.assertj.core.groups.Tuple.tuple(Outcome.SEE_AND_TREAT, false));
  }
}
