package uk.ambulance.ops.jobs.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.generators.truth.GroundTruth;

/**
 * Batch figures straight from the simulator's ground truth ({@code ground-truth.ndjson}: what
 * really happened to each incident), independent of the job's code: response times by the clock
 * stops the simulator recorded, outcomes by the closures it recorded.
 */
public final class TruthFigures {
  /** Count, mean and 90th centile (PERCENTILE.INC, seconds); mean and p90 NaN when empty. */
  public record Response(long incidents, double meanS, double p90S) {}

  /** Closures in a window, duplicates of another call left out (they are not incidents). */
  public record Outcomes(long incidents, long hearAndTreat, long seeAndTreat, long conveyed) {}

  private record Closure(long closedMs, Outcome outcome) {}

  /**
   * Per "category|area" (area ALL too): clock stops (sorted), their response times (ms) and when
   * their incidents closed (Long.MAX_VALUE while open).
   */
  private final Map<String, long[][]> stops = new HashMap<>();

  private final Map<String, List<Closure>> closures = new HashMap<>();
  private int counted;

  public TruthFigures(String ndjson) throws IOException {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    Map<String, List<long[]>> byKey = new HashMap<>();
    for (String line : ndjson.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      GroundTruth t = json.readValue(line, GroundTruth.class);
      if (t.closed() != null && t.outcome() != Outcome.DUPLICATE) {
        Closure c = new Closure(t.closed().toEpochMilli(), t.outcome());
        closures.computeIfAbsent("ALL", k -> new ArrayList<>()).add(c);
        closures.computeIfAbsent(t.area().name(), k -> new ArrayList<>()).add(c);
      }
      if (!t.counted() || t.clockStop() == null) {
        continue;
      }
      counted++;
      String area = t.area().name();
      long closed = t.closed() == null ? Long.MAX_VALUE : t.closed().toEpochMilli();
      add(
          byKey,
          t.countingCategory().name(),
          area,
          t.clockStop().toEpochMilli(),
          t.responseTimeMs(),
          closed);
      if (Boolean.TRUE.equals(t.c1t())) {
        add(byKey, "C1T", area, t.c1tClockStop().toEpochMilli(), t.c1tResponseTimeMs(), closed);
      }
    }
    byKey.forEach(
        (key, list) -> {
          list.sort((a, b) -> Long.compare(a[0], b[0]));
          long[][] columns = new long[3][list.size()];
          for (int i = 0; i < list.size(); i++) {
            for (int c = 0; c < 3; c++) {
              columns[c][i] = list.get(i)[c];
            }
          }
          stops.put(key, columns);
        });
  }

  private static void add(
      Map<String, List<long[]>> byKey,
      String category,
      String area,
      long stop,
      long response,
      long closed) {
    for (String scope : List.of("ALL", area)) {
      byKey
          .computeIfAbsent(category + "|" + scope, k -> new ArrayList<>())
          .add(new long[] {stop, response, closed});
    }
  }

  /** Incidents with a clock stop (the ones response times count). */
  public int counted() {
    return counted;
  }

  /** Response times of the incidents whose clock stopped in [from, to] (epoch ms). */
  public Response responseTimes(String category, String area, long from, long to) {
    long[][] t = stops.getOrDefault(category + "|" + area, new long[3][0]);
    long[] window = Arrays.copyOfRange(t[1], firstAfter(t[0], from - 1), firstAfter(t[0], to));
    Arrays.sort(window);
    if (window.length == 0) {
      return new Response(0, Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (long v : window) {
      sum += v;
    }
    double p90 = PercentileInc.of(window, 0.9);
    return new Response(window.length, sum / window.length / 1000.0, p90 / 1000.0);
  }

  /**
   * When the last of the incidents whose clock stopped in [from, to] closed (Long.MIN_VALUE if
   * none, Long.MAX_VALUE if one is still open): until then the job's figure may be provisional.
   */
  public long lastClosed(String category, String area, long from, long to) {
    long[][] t = stops.getOrDefault(category + "|" + area, new long[3][0]);
    long last = Long.MIN_VALUE;
    for (int i = firstAfter(t[0], from - 1); i < firstAfter(t[0], to); i++) {
      last = Math.max(last, t[2][i]);
    }
    return last;
  }

  /** Outcomes of the incidents that closed in [from, to] (epoch ms) in an area (or ALL). */
  public Outcomes outcomes(String area, long from, long to) {
    List<Closure> in =
        closures.getOrDefault(area, List.of()).stream()
            .filter(c -> c.closedMs() >= from && c.closedMs() <= to)
            .toList();
    return new Outcomes(
        in.size(),
        in.stream().filter(c -> c.outcome() == Outcome.HEAR_AND_TREAT).count(),
        in.stream().filter(c -> c.outcome() == Outcome.SEE_AND_TREAT).count(),
        in.stream().filter(c -> c.outcome().isConveyed()).count());
  }

  private static int firstAfter(long[] sorted, long value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
