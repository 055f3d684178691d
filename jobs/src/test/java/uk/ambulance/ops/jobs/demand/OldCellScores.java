package uk.ambulance.ops.jobs.demand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.ambulance.ops.jobs.demand.CellScores.Scored;

/**
 * {@link CellScores} as it was while the detector counted every cell at every tick, from each
 * cell's {@link CellCounts}: the reference the two-stage detector is held to.
 */
final class OldCellScores {
  /** A cell's expected calls in the window. */
  interface Expectation {
    double of(String cell) throws Exception;
  }

  private final HexGrid grid;
  private final DemandSettings settings;

  OldCellScores(HexGrid grid, DemandSettings settings) {
    this.grid = grid;
    this.settings = settings;
  }

  List<Scored> hotspots(Map<String, CellCounts> counts, Expectation expected) throws Exception {
    List<Scored> hot = new ArrayList<>();
    for (Map.Entry<String, CellCounts> e : counts.entrySet()) {
      long calls = e.getValue().window();
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

  List<Scored> majorIncidents(Map<String, CellCounts> counts, Expectation expected)
      throws Exception {
    List<Scored> candidates = new ArrayList<>();
    for (Map.Entry<String, CellCounts> e : counts.entrySet()) {
      if (e.getValue().minutes() == 0) {
        continue;
      }
      List<String> disk = grid.neighbourhood(e.getKey());
      long calls = 0;
      for (String cell : disk) {
        CellCounts c = counts.get(cell);
        calls += c == null ? 0 : c.minutes();
      }
      if (calls < settings.majorIncidentMinCalls()) {
        continue;
      }
      double expectedCalls = 0;
      for (String cell : disk) {
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
