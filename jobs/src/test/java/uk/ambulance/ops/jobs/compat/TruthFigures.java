package uk.ambulance.ops.jobs.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.generators.truth.GroundTruth;
import uk.ambulance.ops.jobs.testing.PercentileInc;

/**
 * The figures the job should write, calculated straight from the simulator's ground truth, with
 * none of the job's code: response times by clock stop and outcomes by closure, per category (or
 * none) and area (or {@code ALL}), over a half-open window {@code (from, to]} of milliseconds.
 */
final class TruthFigures {
  /** Window key ("C2|NW", "C1T|ALL"; outcomes "NW") to [time, value] pairs. */
  private final Map<String, List<long[]>> stops = new HashMap<>();

  private final Map<String, List<Closure>> closures = new HashMap<>();

  private record Closure(long time, Outcome outcome) {}

  /** Response-time figures: count, mean and PERCENTILE.INC 90th centile, in seconds. */
  record ResponseFigures(long incidents, double meanSeconds, double p90Seconds) {}

  /** Outcome figures, as the contract defines its fields. */
  record OutcomeFigures(long incidents, long hearAndTreat, long seeAndTreat, long conveyed) {}

  TruthFigures(String ndjson) throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    for (String line : ndjson.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      GroundTruth t = json.readValue(line, GroundTruth.class);
      String area = t.area().name();
      for (String scope : List.of(area, "ALL")) {
        closures
            .computeIfAbsent(scope, k -> new ArrayList<>())
            .add(new Closure(t.closed().toEpochMilli(), t.outcome()));
        if (t.counted()) {
          stops
              .computeIfAbsent(t.countingCategory().name() + "|" + scope, k -> new ArrayList<>())
              .add(new long[] {t.clockStop().toEpochMilli(), t.responseTimeMs()});
          if (Boolean.TRUE.equals(t.c1t())) {
            stops
                .computeIfAbsent("C1T|" + scope, k -> new ArrayList<>())
                .add(new long[] {t.c1tClockStop().toEpochMilli(), t.c1tResponseTimeMs()});
          }
        }
      }
    }
  }

  /** The response-time window keys ("C2|NW") that have any incident at all. */
  List<String> responseKeys() {
    return List.copyOf(stops.keySet());
  }

  /** The areas (and ALL) that have any closure at all. */
  List<String> outcomeAreas() {
    return List.copyOf(closures.keySet());
  }

  ResponseFigures responseTimes(String key, long from, long to) {
    long[] seconds =
        stops.getOrDefault(key, List.of()).stream()
            .filter(s -> s[0] > from && s[0] <= to)
            .mapToLong(s -> s[1])
            .sorted()
            .toArray();
    if (seconds.length == 0) {
      return new ResponseFigures(0, Double.NaN, Double.NaN);
    }
    double mean = Arrays.stream(seconds).sum() / (double) seconds.length / 1000.0;
    double p90 = PercentileInc.of(seconds, 0.9);
    return new ResponseFigures(seconds.length, mean, p90 / 1000.0);
  }

  /** Closures in the window; a call closed as a duplicate of another is not an incident. */
  OutcomeFigures outcomes(String area, long from, long to) {
    long incidents = 0;
    long hearAndTreat = 0;
    long seeAndTreat = 0;
    long conveyed = 0;
    for (Closure c : closures.getOrDefault(area, List.of())) {
      if (c.time() <= from || c.time() > to || c.outcome() == Outcome.DUPLICATE) {
        continue;
      }
      incidents++;
      switch (c.outcome()) {
        case HEAR_AND_TREAT -> hearAndTreat++;
        case SEE_AND_TREAT -> seeAndTreat++;
        case CONVEYED_ED, CONVEYED_OTHER -> conveyed++;
        default -> {}
      }
    }
    return new OutcomeFigures(incidents, hearAndTreat, seeAndTreat, conveyed);
  }
}
