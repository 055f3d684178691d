package uk.ambulance.ops.jobs.demand;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The H3 grid the calls are counted on: where a cell is, which cells are its neighbours and how far
 * apart two cells are. Each cell's neighbourhood is fixed geometry, so it is cached (London: ~2,100
 * cells) outside state.
 */
final class HexGrid {
  private final H3Core h3;
  private final Map<String, List<String>> neighbourhoods = new HashMap<>();

  HexGrid() {
    try {
      h3 = H3Core.newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cell with its six neighbours. */
  List<String> neighbourhood(String cell) {
    return neighbourhoods.computeIfAbsent(cell, c -> h3.gridDisk(c, 1));
  }

  LatLng centre(String cell) {
    return h3.cellToLatLng(cell);
  }

  /** Cells between two cells; {@code Long.MAX_VALUE} when too far apart for the grid to say. */
  long distance(String a, String b) {
    try {
      return h3.gridDistance(a, b);
    } catch (RuntimeException e) {
      return Long.MAX_VALUE; // not neighbours
    }
  }
}
