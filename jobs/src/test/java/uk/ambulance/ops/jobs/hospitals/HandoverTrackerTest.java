package uk.ambulance.ops.jobs.hospitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;

class HandoverTrackerTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = Instant.parse("2026-04-06T10:00:00Z").toEpochMilli();
  private static final Duration RETENTION = Duration.ofHours(6);
  private static final Duration MAX_OPEN = Duration.ofHours(24);

  private KeyedOneInputStreamOperatorTestHarness<String, IncidentEvent, HospitalSignal> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new HandoverTracker(RETENTION, MAX_OPEN), HandoverTracker::stayKey, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void step(IncidentEventType type, long t, String hospital) throws Exception {
    harness.processElement(
        new StreamRecord<>(
            IncidentEvent.vehicleStep(
                type + "@" + t, "INC-1", type, Instant.ofEpochMilli(t), "V1", hospital),
            t));
  }

  private List<HospitalSignal> drain() {
    List<HospitalSignal> out = harness.extractOutputValues();
    harness.getOutput().clear();
    return out;
  }

  @Test
  void aHandoverBeforeItsArrivalStillMakesOneCompletedStay() throws Exception {
    step(IncidentEventType.HANDOVER_COMPLETE, T0 + 40 * MINUTE, "H1");
    assertThat(drain()).isEmpty();
    step(IncidentEventType.ARRIVED_HOSPITAL, T0, "H1");
    assertThat(drain())
        .containsExactly(
            HospitalSignal.insert(
                new HandoverRecord("INC-1|V1", "H1", T0, T0 + 40 * MINUTE, true)));
  }

  @Test
  void aWaitingCrewIsReplacedByTheCompletedStayAndStateGoesAfterRetention() throws Exception {
    step(IncidentEventType.ARRIVED_HOSPITAL, T0, "H1");
    HandoverRecord open = new HandoverRecord("INC-1|V1", "H1", T0, HandoverRecord.OPEN, false);
    assertThat(drain()).containsExactly(HospitalSignal.insert(open));
    step(IncidentEventType.HANDOVER_COMPLETE, T0 + 20 * MINUTE, "H1");
    assertThat(drain())
        .containsExactly(
            HospitalSignal.retract(open),
            HospitalSignal.insert(
                new HandoverRecord("INC-1|V1", "H1", T0, T0 + 20 * MINUTE, true)));
    step(IncidentEventType.RESOURCE_CLEAR, T0 + 35 * MINUTE, null);
    assertThat(drain()).isEmpty();

    harness.processWatermark(T0 + 35 * MINUTE + RETENTION.toMillis() - 1);
    assertThat(harness.numKeyedStateEntries()).isPositive();
    harness.processWatermark(T0 + 35 * MINUTE + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aCrewThatClearsWithoutHandoverStopsWaitingWithoutCountingAsAHandover() throws Exception {
    step(IncidentEventType.ARRIVED_HOSPITAL, T0, "H1");
    drain();
    step(IncidentEventType.RESOURCE_CLEAR, T0 + 50 * MINUTE, null);
    assertThat(drain())
        .last()
        .isEqualTo(
            HospitalSignal.insert(
                new HandoverRecord("INC-1|V1", "H1", T0, T0 + 50 * MINUTE, false)));
  }

  @Test
  void aStayThatNeverEndsIsRetractedAfterTheMaximumAgeAndForgotten() throws Exception {
    step(IncidentEventType.ARRIVED_HOSPITAL, T0, "H1");
    drain();
    harness.processWatermark(T0 + MAX_OPEN.toMillis());
    assertThat(drain())
        .containsExactly(
            HospitalSignal.retract(
                new HandoverRecord("INC-1|V1", "H1", T0, HandoverRecord.OPEN, false)));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
