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

  /**
   * The window changes nothing in the simulation, it only leaves records out: what it lets through
   * is exactly the unwindowed run's records that pass its three rules, in the same order.
   */
  @Test
  void itPublishesExactlyTheRecordsAfterTheStartAndNoHalfIncidents() {
    Recorded all = new Recorded();
    new Simulation(settings(WARM_UP), all).run(t -> {});
    Recorded warm = run(WARM_UP, POSITIONS_FROM);

    Set<String> warmUpIncidents = new HashSet<>();
    for (IncidentEvent e : all.incidents) {
      if (e.type() == IncidentEventType.CALL_CONNECTED && e.time().isBefore(START)) {
        warmUpIncidents.add(e.incidentId());
      }
    }
    assertThat(warmUpIncidents).as("the warm-up had calls").hasSizeGreaterThan(1000);
    assertThat(warm.incidents)
        .isEqualTo(
            all.incidents.stream().filter(e -> !warmUpIncidents.contains(e.incidentId())).toList());
    assertThat(warm.hospitals)
        .isNotEmpty()
        .isEqualTo(all.hospitals.stream().filter(s -> !s.time().isBefore(START)).toList());
    assertThat(warm.positions)
        .as("positions of the last hour only, every one of them")
        .hasSizeGreaterThan(10_000)
        .isEqualTo(all.positions.stream().filter(p -> !p.time().isBefore(POSITIONS_FROM)).toList());
    assertThat(warm.truths)
        .isEqualTo(
            all.truths.stream().filter(t -> !warmUpIncidents.contains(t.incidentId())).toList());
    Set<String> started = new HashSet<>();
    for (IncidentEvent e : warm.incidents) {
      if (e.type() == IncidentEventType.CALL_CONNECTED) {
        started.add(e.incidentId());
      }
      assertThat(started).as("%s: its call was published first", e).contains(e.incidentId());
    }
  }

  private static Recorded run(Duration warmUp, Instant positionsFrom) {
    Recorded recorded = new Recorded();
    new Simulation(
            settings(warmUp),
            new PublishWindow(recorded, START.toEpochMilli(), positionsFrom.toEpochMilli()))
        .run(t -> {});
    return recorded;
  }

  private static SimSettings settings(Duration warmUp) {
    return SimSettings.defaults()
        .withStart(START.minus(warmUp))
        .withDuration(PUBLISHED.plus(warmUp));
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
