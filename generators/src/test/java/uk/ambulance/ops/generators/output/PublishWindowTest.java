package uk.ambulance.ops.generators.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.generators.sim.SimOutput;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.sim.Simulation;
import uk.ambulance.ops.generators.support.AmbsysFigures;
import uk.ambulance.ops.generators.truth.GroundTruth;

/**
 * A live run that starts with empty queues and idle crews beats every standard for hours; a warm-up
 * that is simulated but not published gives steady-state figures from the first hour the board
 * shows, and leaves no trace in the streams.
 */
class PublishWindowTest {
  /** A Tuesday, 11:00 UTC: a busy daytime, when a cold start flatters the figures most. */
  private static final Instant START = Instant.parse("2026-04-07T11:00:00Z");

  private static final Duration PUBLISHED = Duration.ofHours(4);
  private static final Duration WARM_UP = Duration.ofHours(6);
  private static final Instant POSITIONS_FROM = START.plus(Duration.ofHours(3));

  @Test
  void aWarmedUpRunShowsLondonsC2FiguresFromTheSecondHourAndAColdOneDoesNot() throws Exception {
    double london = AmbsysFigures.of("RRU", 2026, 4).get("C2_mean_s");
    Recorded cold = run(Duration.ZERO, START);
    Recorded warm = run(WARM_UP, POSITIONS_FROM);

    // The rolling hour a live board shows two and three hours after the start (deploy/local's
    // 'live' starts publishing at least three hours back).
    Instant from = START.plus(Duration.ofHours(1));
    Instant to = START.plus(Duration.ofHours(3));
    assertThat(cold.c2MeanSeconds(from, to)).as("cold start").isLessThan(london * 0.75);
    assertThat(warm.c2MeanSeconds(from, to))
        .as("warm start")
        .isCloseTo(london, within(london * 0.25));
  }

  @Test
  void nothingOfTheWarmUpIsPublishedAndNoIncidentIsCutInHalf() throws Exception {
    Recorded warm = run(WARM_UP, POSITIONS_FROM);
    Set<String> started = new HashSet<>();
    for (IncidentEvent e : warm.incidents) {
      assertThat(e.time()).as("%s", e).isAfterOrEqualTo(START);
      if (e.type() == IncidentEventType.CALL_CONNECTED) {
        started.add(e.incidentId());
      }
      assertThat(started).as("%s: its call was published first", e).contains(e.incidentId());
    }
    for (GroundTruth t : warm.truths) {
      assertThat(t.callConnected()).isAfterOrEqualTo(START);
    }
    assertThat(warm.hospitals).isNotEmpty().allMatch(s -> !s.time().isBefore(START));
    assertThat(warm.positions)
        .as("positions of the last hour only")
        .isNotEmpty()
        .allMatch(p -> !p.time().isBefore(POSITIONS_FROM));
    // Every vehicle on duty reports within its first interval: the feed is whole from its start.
    assertThat(warm.positions.get(0).time())
        .isBefore(POSITIONS_FROM.plus(SimSettings.Feeds.DEFAULTS.avlInterval()));
  }

  private static Recorded run(Duration warmUp, Instant positionsFrom) {
    Recorded recorded = new Recorded();
    SimSettings settings =
        SimSettings.defaults().withStart(START.minus(warmUp)).withDuration(PUBLISHED.plus(warmUp));
    new Simulation(
            settings,
            new PublishWindow(recorded, START.toEpochMilli(), positionsFrom.toEpochMilli()))
        .run(t -> {});
    return recorded;
  }

  /** What a reader of the streams would see, kept in memory. */
  private static final class Recorded implements SimOutput {
    final List<IncidentEvent> incidents = new ArrayList<>();
    final List<VehiclePosition> positions = new ArrayList<>();
    final List<HospitalStatus> hospitals = new ArrayList<>();
    final List<GroundTruth> truths = new ArrayList<>();

    @Override
    public void incident(IncidentEvent event) {
      incidents.add(event);
    }

    @Override
    public void vehicle(VehiclePosition position) {
      positions.add(position);
    }

    @Override
    public void hospital(HospitalStatus status) {
      hospitals.add(status);
    }

    @Override
    public void truth(GroundTruth truth) {
      truths.add(truth);
    }

    /** Mean C2 response time of the incidents whose clock stopped in [from, to). */
    double c2MeanSeconds(Instant from, Instant to) {
      return truths.stream()
              .filter(t -> t.counted() && t.countingCategory() == Category.C2)
              .filter(t -> !t.clockStop().isBefore(from) && t.clockStop().isBefore(to))
              .mapToLong(GroundTruth::responseTimeMs)
              .average()
              .orElseThrow()
          / 1000;
    }
  }
}
