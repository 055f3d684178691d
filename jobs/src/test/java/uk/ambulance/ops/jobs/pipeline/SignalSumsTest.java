package uk.ambulance.ops.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subtask's signals summed per stream: the sums add up to the signals one by one, and they go on
 * within the delay, before a watermark, before a checkpoint barrier and when the input ends.
 */
class SignalSumsTest {
  private static final Duration DELAY = Duration.ofSeconds(1);
  private static final String CAD = "cad.incidents";
  private static final String AVL = "avl.positions";

  private OneInputStreamOperatorTestHarness<PipelineSignal, PipelineSignal> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new SignalSums(DELAY));
    harness.setProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void theSumsAddUpToTheSignalsOneByOne() throws Exception {
    Random random = new Random(11);
    Map<String, PipelineSignal> expected = new HashMap<>();
    long now = 0;
    for (int i = 0; i < 2_000; i++) {
      String stream = random.nextBoolean() ? CAD : AVL;
      PipelineSignal s =
          switch (random.nextInt(4)) {
            case 0 -> PipelineSignal.duplicate(stream);
            case 1 -> PipelineSignal.expired(stream);
            default -> PipelineSignal.accepted(stream, random.nextInt(1_000_000));
          };
      expected.merge(stream, s, PipelineSignal::plus);
      harness.processElement(s, 0);
      if (random.nextInt(50) == 0) {
        now += random.nextInt(2_000);
        harness.setProcessingTime(now);
      }
      if (random.nextInt(300) == 0) {
        harness.processWatermark(new Watermark(i));
      }
    }
    harness.endInput();
    harness.getOneInputOperator().finish();

    Map<String, PipelineSignal> summed = new HashMap<>();
    List<PipelineSignal> sent = sent();
    sent.forEach(s -> summed.merge(s.stream(), s, PipelineSignal::plus));
    assertThat(summed).isEqualTo(expected);
    assertThat(sent.size()).as("records sent for 2,000 signals").isLessThan(200);
  }

  @Test
  void aSumGoesOnWithinTheDelayOfItsFirstSignal() throws Exception {
    harness.processElement(PipelineSignal.accepted(AVL, 5), 0);
    harness.setProcessingTime(400);
    harness.processElement(PipelineSignal.accepted(AVL, 9), 0);
    harness.setProcessingTime(999);
    assertThat(sent()).isEmpty();

    harness.setProcessingTime(1_000);
    assertThat(sent()).containsExactly(new PipelineSignal(AVL, 2, 0, 0, 0, 0, 9));
    assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
  }

  @Test
  void aWatermarkFollowsTheSumsOfEverythingBeforeIt() throws Exception {
    harness.processElement(PipelineSignal.accepted(CAD, 5), 0);
    harness.processElement(PipelineSignal.duplicate(CAD), 0);
    harness.processWatermark(new Watermark(Long.MAX_VALUE));

    assertThat(harness.getOutput())
        .containsExactly(
            new StreamRecord<>(new PipelineSignal(CAD, 1, 0, 1, 0, 0, 5)),
            new Watermark(Long.MAX_VALUE));
  }

  @Test
  void nothingIsHeldAcrossACheckpointBarrier() throws Exception {
    harness.processElement(PipelineSignal.accepted(CAD, 5), 0);
    harness.prepareSnapshotPreBarrier(1);

    assertThat(sent()).containsExactly(new PipelineSignal(CAD, 1, 0, 0, 0, 0, 5));
  }

  @Test
  void theInputsEndSendsWhatIsHeld() throws Exception {
    harness.processElement(PipelineSignal.expired(CAD), 0);
    harness.endInput();
    harness.getOneInputOperator().finish();

    assertThat(sent()).containsExactly(PipelineSignal.expired(CAD));
  }

  private List<PipelineSignal> sent() {
    List<PipelineSignal> out = new ArrayList<>();
    for (Object o : harness.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        out.add((PipelineSignal) r.getValue());
      }
    }
    return out;
  }
}
