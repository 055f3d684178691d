package uk.ambulance.ops.jobs.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import uk.ambulance.ops.events.Metrics.StandardAtRisk;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.atrisk.AtRiskSettings;
import uk.ambulance.ops.jobs.atrisk.SimulatedDay;

/**
 * How early the day's-standard-at-risk warnings come on a simulated day (the surge day unless told
 * otherwise): for each London figure, when it first breaches in the simulator's ground truth, when
 * the likely and the certain warnings first fired, and the likely warning's lead (goal: at least 30
 * minutes); and how many certain warnings fired for a figure the ground truth's day meets (must be
 * 0). A figure, not a test.
 *
 * <pre>
 * mvn -B -o -q -pl events,generators,jobs -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test-classpath.txt) \
 *     uk.ambulance.ops.jobs.bench.StandardAtRiskLeadReport [DEMAND_FACTOR ...]
 * </pre>
 */
public final class StandardAtRiskLeadReport {
  private StandardAtRiskLeadReport() {}

  public static void main(String[] args) throws Exception {
    double[] factors =
        args.length == 0
            ? new double[] {SimSettings.Demand.SURGE_FACTOR}
            : java.util.Arrays.stream(args).mapToDouble(Double::parseDouble).toArray();
    for (double factor : factors) {
      System.out.printf(
          "standard at risk: a simulated day at %.2f times demand, load %s%n",
          factor, ReplayBenchmark.loadAverage());
      SimulatedDay.Result day = SimulatedDay.run(factor);
      System.out.printf(
          "%-10s %-6s %-16s %-16s %-16s %s%n",
          "category", "metric", "truth breach", "likely fired", "certain fired", "likely lead");
      for (var category : AtRiskSettings.CATEGORIES) {
        for (String metric :
            List.of(StandardAtRisk.Metric.MEAN.tag(), StandardAtRisk.Metric.P90.tag())) {
          String c = category.name();
          String scope = "category=" + c + ",metric=" + metric;
          OptionalLong breach = day.truthBreach(c, "ALL", metric);
          Optional<Alert> likely = day.firstFiring("StandardAtRiskLikely" + c, scope);
          Optional<Alert> certain = day.firstFiring("StandardAtRiskCertain" + c, scope);
          String lead =
              breach.isPresent() && likely.isPresent()
                  ? Duration.ofMillis(breach.getAsLong() - likely.get().time().toEpochMilli())
                          .toMinutes()
                      + " min"
                  : "-";
          System.out.printf(
              "%-10s %-6s %-16s %-16s %-16s %s%n",
              c,
              metric,
              breach.isPresent() ? clock(Instant.ofEpochMilli(breach.getAsLong())) : "none",
              likely.map(a -> clock(a.time())).orElse("none"),
              certain.map(a -> clock(a.time())).orElse("none"),
              lead);
        }
      }
      long certainFired = day.firings("StandardAtRiskCertain").size();
      long certainFalse =
          day.firings("StandardAtRiskCertain").stream()
              .filter(
                  a -> {
                    var tags = SimulatedDay.Result.tags(a.scope());
                    return !day.truthDayFails(
                        tags.get("category"), tags.get("area"), tags.get("metric"));
                  })
              .count();
      long likelyFired = day.firings("StandardAtRiskLikely").size();
      System.out.printf(
          "certain warnings (London and areas): %d, for a day the ground truth meets: %d;"
              + " likely warnings: %d%n",
          certainFired, certainFalse, likelyFired);
      System.out.printf("job: %.1f s, load %s%n", day.jobSeconds(), ReplayBenchmark.loadAverage());
    }
  }

  private static String clock(Instant t) {
    return t.atZone(java.time.ZoneId.of("Europe/London")).toLocalTime().toString();
  }
}
