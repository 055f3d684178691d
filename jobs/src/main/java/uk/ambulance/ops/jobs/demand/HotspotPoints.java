package uk.ambulance.ops.jobs.demand;

import com.uber.h3core.util.LatLng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics.Hotspots;
import uk.ambulance.ops.jobs.demand.CellScores.Scored;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * The points of a flagged cell ({@code hotspots}, {@code major_incidents}), at the cell's centre:
 * flag 1 with its calls, expectation and score while flagged, and one last point with flag 0 once
 * it no longer is.
 */
final class HotspotPoints {
  private final HexGrid grid;
  private final String measurement;
  private final String flagField;

  HotspotPoints(HexGrid grid, String measurement, String flagField) {
    this.grid = grid;
    this.measurement = measurement;
    this.flagField = flagField;
  }

  InfluxPoint flagged(Scored s, long t) {
    LatLng centre = grid.centre(s.cell());
    return InfluxPoint.builder(measurement, t)
        .tag(Hotspots.TAG_CELL, s.cell())
        .field(Hotspots.CALLS, s.calls())
        .field(Hotspots.EXPECTED, s.expected())
        .field(Hotspots.SCORE, s.score())
        .field(Hotspots.LAT, centre.lat)
        .field(Hotspots.LON, centre.lng)
        .field(flagField, 1L)
        .build();
  }

  InfluxPoint ended(String cell, long t) {
    LatLng centre = grid.centre(cell);
    return InfluxPoint.builder(measurement, t)
        .tag(Hotspots.TAG_CELL, cell)
        .field(flagField, 0L)
        .field(Hotspots.LAT, centre.lat)
        .field(Hotspots.LON, centre.lng)
        .build();
  }

  /**
   * Writes the cells flagged now, and one last point, flag 0, for each flagged at the previous tick
   * and not any more.
   */
  void flag(MapState<String, Boolean> flagged, List<Scored> now, long t, Collector<InfluxPoint> out)
      throws Exception {
    Set<String> cells = new HashSet<>();
    for (Scored s : now) {
      cells.add(s.cell());
      out.collect(flagged(s, t));
    }
    List<String> ended = new ArrayList<>();
    for (String cell : flagged.keys()) {
      if (!cells.contains(cell)) {
        ended.add(cell);
      }
    }
    for (String cell : ended) {
      flagged.remove(cell);
      out.collect(ended(cell, t));
    }
    for (String cell : cells) {
      flagged.put(cell, true);
    }
  }
}
