package uk.ambulance.ops.jobs.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.uber.h3core.H3Core;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * The hotspot detector with the job's default settings over a synthetic ordinary week with a major
 * incident in central London on its sixth day: the incident is flagged within five minutes of its
 * first call, and outside it fewer than one hotspot a day is raised.
 */
class HotspotDetectorTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;
  private static final long WEEK_START = Instant.parse("2026-04-06T00:00:00Z").toEpochMilli();
  private static final double SITE_LAT = 51.5154; // Oxford Circus: among the busiest cells
  private static final double SITE_LON = -0.1419;

  private static List<InfluxPoint> run(
      DemandSettings settings, Duration tick, List<SyntheticLondon.Place> places, long until)
      throws Exception {
    H3Core h3 = H3Core.newInstance();
    List<InfluxPoint> points = new ArrayList<>();
    try (HotspotStages stages = new HotspotStages(tick, settings)) {
      int next = 0;
      for (long wm = places.get(0).timeMs(); wm <= until; wm += tick.toMillis()) {
        while (next < places.size() && places.get(next).timeMs() <= wm + 25_000) {
          SyntheticLondon.Place p = places.get(next++);
          String cell = h3.latLngToCellAddress(p.lat(), p.lon(), 8);
          stages.call(new Call(p.timeMs(), "ALL", cell));
        }
        points.addAll(stages.watermark(wm));
      }
    }
    return points;
  }

  @Test
  void aMajorIncidentIsFlaggedWithinFiveMinutesAndAnOrdinaryWeekRaisesFewerThanOneHotspotADay()
      throws Exception {
    JobSettings settings = JobSettings.defaults();
    SyntheticLondon london = new SyntheticLondon(2026, 6000);
    List<SyntheticLondon.Place> places = new ArrayList<>(london.ordinary(WEEK_START, 7));
    long incidentAt = WEEK_START + 5 * 24 * HOUR + 14 * HOUR + 7 * MINUTE;
    // 30 calls over 15 minutes from around Oxford Circus, half of them repeat callers.
    places.addAll(london.majorIncident(incidentAt, SITE_LAT, SITE_LON, 30, 15 * MINUTE));
    places.sort(Comparator.comparingLong(SyntheticLondon.Place::timeMs));
    List<InfluxPoint> points =
        run(settings.demand(), settings.tick(), places, WEEK_START + 7 * 24 * HOUR);

    H3Core h3 = H3Core.newInstance();
    String site = h3.latLngToCellAddress(SITE_LAT, SITE_LON, 8);
    long detectedAt = Long.MAX_VALUE;
    int falseHotspots = 0;
    int falseMajorIncidents = 0;
    Set<String> hot = new HashSet<>();
    Set<String> major = new HashSet<>();
    for (InfluxPoint p : points) {
      String cell = p.tags().get("cell");
      boolean atIncident =
          h3.gridDistance(cell, site) <= 3
              && p.timeMillis() >= incidentAt
              && p.timeMillis() <= incidentAt + 30 * MINUTE + 2 * HOUR;
      if (p.measurement().equals("hotspots")) {
        boolean nowHot = p.fields().get("hot").equals(1L);
        if (nowHot && hot.add(cell) && !atIncident) {
          falseHotspots++;
        } else if (!nowHot) {
          hot.remove(cell);
        }
        if (nowHot) {
          assertHotspotIsConsistent(p, places, settings.demand(), h3);
        }
      } else {
        assertThat(p.measurement()).isEqualTo("major_incidents");
        boolean active = p.fields().get("active").equals(1L);
        if (active && major.add(cell)) {
          if (atIncident) {
            detectedAt = Math.min(detectedAt, p.timeMillis());
          } else {
            falseMajorIncidents++;
          }
        } else if (!active) {
          major.remove(cell);
        }
      }
    }
    double delayMinutes = (detectedAt - incidentAt) / 60_000.0;
    System.out.printf(
        "synthetic week, %d calls: major incident flagged after %.2f min; %d false hotspots"
            + " (%.2f a day); %d false major incidents%n",
        places.size(), delayMinutes, falseHotspots, falseHotspots / 7.0, falseMajorIncidents);
    assertThat(delayMinutes).isLessThanOrEqualTo(5);
    assertThat(falseHotspots / 7.0).isLessThan(1);
    assertThat(falseMajorIncidents).isZero();
  }

  /** The count is the cell's calls in the last hour; the score is the Poisson tail of it. */
  private static void assertHotspotIsConsistent(
      InfluxPoint p, List<SyntheticLondon.Place> places, DemandSettings settings, H3Core h3) {
    long t = p.timeMillis();
    String cell = p.tags().get("cell");
    long calls =
        places.stream()
            .filter(c -> c.timeMs() > t - settings.hotspotWindow().toMillis() && c.timeMs() <= t)
            .filter(c -> h3.latLngToCellAddress(c.lat(), c.lon(), 8).equals(cell))
            .count();
    double expected = (Double) p.fields().get("expected");
    double tail = 0;
    double term = Math.exp(-expected);
    for (int j = 0; j < 200; j++) {
      if (j >= calls) {
        tail += term;
      }
      term = term * expected / (j + 1);
    }
    assertThat(p.fields()).containsEntry("calls", calls);
    assertThat(calls).isGreaterThanOrEqualTo(settings.hotspotMinCalls());
    assertThat((Double) p.fields().get("score")).isCloseTo(-Math.log10(tail), within(1e-6));
    assertThat((Double) p.fields().get("score")).isGreaterThanOrEqualTo(settings.hotspotScore());
    assertThat(
            h3.latLngToCellAddress(
                (Double) p.fields().get("lat"), (Double) p.fields().get("lon"), 8))
        .isEqualTo(cell);
  }

  @Test
  void aCellNotCalledAgainIsForgottenAndTicksStopWhenCallsDo() throws Exception {
    DemandSettings d = JobSettings.defaults().demand();
    DemandSettings fastForgetting =
        new DemandSettings(
            d.priorCallsPerHour(),
            d.baselineHalfLifeWeeks(),
            Duration.ofHours(1),
            d.cellPriorCalls(),
            d.cells(),
            d.hotspotWindow(),
            d.hotspotScore(),
            d.hotspotMinCalls(),
            d.majorIncidentWindow(),
            d.majorIncidentScore(),
            d.majorIncidentMinCalls());
    long t0 = WEEK_START + 10 * HOUR;
    List<Call> steady = new ArrayList<>();
    for (long t = t0 + 5 * MINUTE; t < t0 + 16 * HOUR; t += 20 * MINUTE) {
      steady.add(new Call(t, "ALL", "88194ad30dfffff"));
    }
    List<Call> withEarlyCall = new ArrayList<>(steady);
    withEarlyCall.add(0, new Call(t0, "ALL", "88194ad093fffff"));
    long[] entries = new long[2];
    int i = 0;
    for (List<Call> calls : List.of(steady, withEarlyCall)) {
      try (HotspotStages stages = new HotspotStages(Duration.ofSeconds(10), fastForgetting)) {
        for (Call c : calls) {
          stages.call(c);
        }
        for (long wm = t0; wm <= t0 + 20 * HOUR; wm += MINUTE) {
          stages.watermark(wm);
        }
        assertThat(stages.scorerTimers()).isZero();
        assertThat(stages.counterTimers()).isZero();
        assertThat(stages.counterStateEntries()).isZero();
        entries[i++] = stages.scorerStateEntries();
      }
    }
    // Ten half-lives after its only call, the early cell leaves no trace.
    assertThat(entries[1]).isEqualTo(entries[0]);
  }
}
