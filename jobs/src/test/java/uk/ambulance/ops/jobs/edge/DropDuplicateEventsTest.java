package uk.ambulance.ops.jobs.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The de-duplication memory is event time: it ends when the watermark says, not the wall clock. */
class DropDuplicateEventsTest {
  private static final long T0 = 1_775_469_600_000L; // a whole hour
  private static final long HOUR = 3_600_000;
  private static final Duration MEMORY = Duration.ofMinutes(10);

  /** An event: its sender, id and time. */
  record Sent(String entity, String eventId, long timeMs) {}

  private KeyedOneInputStreamOperatorTestHarness<String, Sent, Sent> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new DropDuplicateEvents<Sent>("avl.positions", MEMORY, Sent::timeMs, Sent::eventId),
            Sent::entity,
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(Sent s) throws Exception {
    harness.processElement(new StreamRecord<>(s, s.timeMs()));
  }

  private List<String> passed() {
    List<String> ids = harness.extractOutputValues().stream().map(Sent::eventId).toList();
    harness.getOutput().clear();
    return ids;
  }

  @Test
  void aRepeatWithinTheMemoryIsDropped() throws Exception {
    send(new Sent("V1", "e1", T0));
    send(new Sent("V1", "e2", T0 + 30_000));
    harness.processWatermark(T0 + 5 * 60_000);
    send(new Sent("V1", "e1", T0));
    send(new Sent("V2", "e1", T0)); // another sender's id space
    assertThat(passed()).containsExactly("e1", "e2", "e1");
  }

  @Test
  void onceTheWatermarkPassesTheMemoryTheIdIsForgottenWithItsStateAndTimers() throws Exception {
    send(new Sent("V1", "e1", T0));
    send(new Sent("V1", "e2", T0 + 30_000));
    send(new Sent("V2", "e3", T0 + 40_000));
    assertThat(harness.numKeyedStateEntries()).as("one entry per sender").isEqualTo(2);
    harness.processWatermark(T0 + 30_000 + MEMORY.toMillis() + HOUR);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    send(new Sent("V1", "e1", T0));
    assertThat(passed()).containsExactly("e1", "e2", "e3", "e1");
  }

  @Test
  void aDayOfPositionsCostsOneEntryAndAtMostOneTimerPerHourPerVehicle() throws Exception {
    int vehicles = 20;
    long step = 30_000;
    for (long t = T0; t < T0 + 24 * HOUR; t += step) {
      for (int v = 0; v < vehicles; v++) {
        send(new Sent("V" + v, "V" + v + "@" + t, t));
        send(new Sent("V" + v, "V" + v + "@" + t, t)); // every position sent twice
      }
      harness.processWatermark(t - 30_000);
      passed();
      assertThat(harness.numKeyedStateEntries()).isEqualTo(vehicles);
      assertThat(harness.numEventTimeTimers()).isLessThanOrEqualTo(2 * vehicles);
    }
    harness.processWatermark(T0 + 26 * HOUR);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
