package uk.ambulance.ops.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Pipeline health per stream: running totals, written on the wall clock's interval with how far the
 * newest event lies behind it and how long since a record arrived, and once more when a replay's
 * input ends.
 */
class PipelineStatsFunctionTest {
  private static final long INTERVAL = 10_000;
  private static final long NOW = 1_775_469_600_000L;
  private static final String CAD = "cad.incidents";

  private KeyedOneInputStreamOperatorTestHarness<String, PipelineSignal, InfluxPoint> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new PipelineStatsFunction(Duration.ofMillis(INTERVAL)),
            PipelineSignal::stream,
            Types.STRING);
    harness.setProcessingTime(NOW + 3_000);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void writesEachStreamsTotalsAndLagOnTheWallClocksInterval() throws Exception {
    Random random = new Random(7);
    long events = 0;
    long rejected = 0;
    long duplicates = 0;
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < 500; i++) {
      PipelineSignal s =
          switch (random.nextInt(3)) {
            case 0 -> PipelineSignal.rejected(CAD);
            case 1 -> PipelineSignal.duplicate(CAD);
            default -> PipelineSignal.accepted(CAD, NOW - random.nextInt(600_000));
          };
      events += s.events();
      rejected += s.rejected();
      duplicates += s.duplicates();
      newest = Math.max(newest, s.maxEventTimeMs());
      harness.processElement(new StreamRecord<>(s));
    }
    harness.processElement(new StreamRecord<>(PipelineSignal.accepted("avl.positions", NOW)));
    assertThat(harness.extractOutputValues()).as("nothing before the interval ends").isEmpty();

    harness.setProcessingTime(NOW + INTERVAL);
    InfluxPoint cad = only(harness.extractOutputValues(), CAD);
    assertThat(cad.timeMillis()).isEqualTo(NOW + INTERVAL);
    assertThat(cad.fields())
        .containsEntry("events", events)
        .containsEntry("rejected", rejected)
        .containsEntry("duplicates", duplicates)
        .containsEntry("lag_s", (NOW + INTERVAL - newest) / 1000.0)
        .containsEntry("idle_s", (INTERVAL - 3_000) / 1000.0);
    harness.getOutput().clear();

    harness.setProcessingTime(NOW + 2 * INTERVAL);
    assertThat(only(harness.extractOutputValues(), CAD).fields())
        .as("written again on the next interval, the totals unchanged, the lag grown")
        .containsEntry("events", events)
        .containsEntry("lag_s", (NOW + 2 * INTERVAL - newest) / 1000.0)
        .containsEntry("idle_s", (2 * INTERVAL - 3_000) / 1000.0);
    harness.getOutput().clear();

    harness.processWatermark(Long.MAX_VALUE); // a replay's input ends
    assertThat(harness.extractOutputValues())
        .extracting(p -> p.tags().get("stream"))
        .containsExactlyInAnyOrder(CAD, "avl.positions");
  }

  @Test
  void aStreamThatOnlyRefusesHasNoLag() throws Exception {
    harness.processElement(new StreamRecord<>(PipelineSignal.rejected(CAD)));
    harness.setProcessingTime(NOW + INTERVAL);
    InfluxPoint p = only(harness.extractOutputValues(), CAD);
    assertThat(p.fields()).containsEntry("rejected", 1L).doesNotContainKey("lag_s");
  }

  private static InfluxPoint only(List<InfluxPoint> points, String stream) {
    List<InfluxPoint> of =
        points.stream().filter(p -> stream.equals(p.tags().get("stream"))).toList();
    assertThat(of).hasSize(1);
    return of.get(0);
  }
}
