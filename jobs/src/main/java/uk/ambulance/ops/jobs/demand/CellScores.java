package uk.ambulance.ops.jobs.demand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cells flagged as of a tick, each scored as -log10 of the Poisson probability of at least its
 * calls given its expectation: hotspots, single cells over the hotspot window; and major incidents,
 * each cell with its six neighbours over the few minutes of the major-incident window, of
 * overlapping clusters (centres within two cells of each other, which describe one incident) only
 * the best.
 */
final class CellScores {
  /** A flagged cell (for a major incident, the centre of its cluster). */
  record Scored(String cell, long calls, double expected, double score) {}

  /** A cell's expected calls in the window. */
  interface Expectation {
    double of(String cell) throws Exception;
  }

  private final HexGrid grid;
  private final DemandSettings settings;

  CellScores(HexGrid grid, DemandSettings settings) {
    this.grid = grid;
    this.settings = settings;
  }

  /** Hot cells, given each cell's calls in the hotspot window. */
  List<Scored> hotspots(Map<String, Long> windowCalls, Expectation expected) throws Exception {
    List<Scored> hot = new ArrayList<>();
    for (Map.Entry<String, Long> e : windowCalls.entrySet()) {
      long calls = e.getValue();
      if (calls < settings.hotspotMinCalls()) {
        continue; // cannot be hot whatever its expectation
      }
      double expectedCalls = expected.of(e.getKey());
      double score = Poisson.score(calls, expectedCalls);
      if (score >= settings.hotspotScore()) {
        hot.add(new Scored(e.getKey(), calls, expectedCalls, score));
      }
    }
    return hot;
  }

  /**
   * Major incidents, given for each centre with calls of its own in the major-incident window the
   * calls of its disk (the centre and its six neighbours) in that window.
   */
  List<Scored> majorIncidents(Map<String, Long> diskCalls, Expectation expected) throws Exception {
    List<Scored> candidates = new ArrayList<>();
    for (Map.Entry<String, Long> e : diskCalls.entrySet()) {
      long calls = e.getValue();
      if (calls < settings.majorIncidentMinCalls()) {
        continue;
      }
      double expectedCalls = 0;
      for (String cell : grid.neighbourhood(e.getKey())) {
        expectedCalls += expected.of(cell);
      }
      double score = Poisson.score(calls, expectedCalls);
      if (score >= settings.majorIncidentScore()) {
        candidates.add(new Scored(e.getKey(), calls, expectedCalls, score));
      }
    }
    List<Scored> best = new ArrayList<>();
    for (Scored c : candidates) {
      if (!beatenNearby(c, candidates)) {
        best.add(c);
      }
    }
    return best;
  }

  private boolean beatenNearby(Scored c, List<Scored> candidates) {
    for (Scored other : candidates) {
      if (other != c && grid.distance(c.cell(), other.cell()) <= 2 && better(other, c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean better(Scored a, Scored b) {
    if (a.score() != b.score()) {
      return a.score() > b.score();
    }
    return a.cell().compareTo(b.cell()) < 0;
  }
}
