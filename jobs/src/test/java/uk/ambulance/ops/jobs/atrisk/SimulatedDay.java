package uk.ambulance.ops.jobs.atrisk;

import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import uk.ambulance.ops.events.Metrics.StandardAtRisk;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.testing.CollectingSink;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;
import uk.ambulance.ops.jobs.testing.TruthFigures;
import uk.ambulance.ops.jobs.window.CalendarPeriod;

/**
 * One simulated London day (CAD only) at a demand factor, through Kafka and the whole job in
 * replay, with the alerts the job raised and the simulator's ground truth of that day: the shared
 * run of the surge test and the lead-time report.
 */
public final class SimulatedDay {
  private static final long MINUTE = 60_000;

  /** The alerts' transitions, the ground truth and the London day the simulation covers. */
  public record Result(
      List<Alert> alerts, TruthFigures truth, long dayStartMs, long dayEndMs, double jobSeconds) {

    /**
     * The first minute of the day at which the day-so-far figure (the clock stops up to then) is
     * over the standard in the ground truth, if it ever is.
     */
    public OptionalLong truthBreach(String category, String area, String metric) {
      for (long t = dayStartMs + MINUTE; t < dayEndMs; t += MINUTE) {
        if (fails(category, truth.responseTimes(category, area, dayStartMs, t), metric)) {
          return OptionalLong.of(t);
        }
      }
      return OptionalLong.empty();
    }

    /** Whether the whole day's figure fails the standard in the ground truth. */
    public boolean truthDayFails(String category, String area, String metric) {
      return fails(category, truth.responseTimes(category, area, dayStartMs, dayEndMs - 1), metric);
    }

    private static boolean fails(String category, TruthFigures.Response r, String metric) {
      if (r.incidents() == 0) {
        return false;
      }
      ReportingCategory c = ReportingCategory.valueOf(category);
      return metric.equals(StandardAtRisk.Metric.MEAN.tag())
          ? r.meanS() > c.targetMeanSeconds().getAsDouble()
          : r.p90S() > c.targetP90Seconds().getAsDouble();
    }

    /** The first firing of a rule in a scope, within the day. */
    public Optional<Alert> firstFiring(String rule, String scope) {
      return firings(rule).stream()
          .filter(a -> a.scope().equals(scope))
          .min(Comparator.comparing(Alert::time));
    }

    /** The firings within the day of the rules whose name starts so. */
    public List<Alert> firings(String rulePrefix) {
      return alerts.stream()
          .filter(a -> a.state() == Alert.State.FIRING && a.rule().startsWith(rulePrefix))
          .filter(a -> inDay(a.time().toEpochMilli()))
          .toList();
    }

    private boolean inDay(long t) {
      return t >= dayStartMs && t < dayEndMs;
    }

    /** A scope's tags, {@code category=C2,area=NW,metric=p90}; the area is ALL when absent. */
    public static Map<String, String> tags(String scope) {
      Map<String, String> tags = new TreeMap<>(Map.of("area", "ALL"));
      for (String pair : scope.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          tags.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      return tags;
    }
  }

  private SimulatedDay() {}

  /** The simulator's default first day at {@code demandFactor} times its demand. */
  public static Result run(double demandFactor) throws Exception {
    return run(demandFactor, Duration.ofDays(1));
  }

  /**
   * The first {@code duration} of that day. A day cut short is one of the days the certain bound
   * allows for (no more calls come, the calls still waiting count tomorrow), so its ground truth
   * must fail wherever the bound said lost.
   */
  public static Result run(double demandFactor, Duration duration) throws Exception {
    SimSettings settings = SimSettings.defaults().withDuration(duration);
    settings = settings.withDemand(settings.demand().withDemandFactor(demandFactor));
    StringWriter groundTruth = new StringWriter();
    var records =
        new ArrayList<>(SimulatedFeeds.delivered(settings, SimulatedFeeds.CAD, groundTruth));
    long dayStart = CalendarPeriod.DAY.startOf(settings.start().toEpochMilli());
    try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
      kafka.createContractTopics(4);
      kafka.produce(records.stream().map(SimulatedFeeds::toProducer).toList());
      JobSettings job =
          JobSettings.parse(
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--influx-url",
              "http://unused",
              "--replay");
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
      CollectingSink<Alert> alerts = new CollectingSink<>();
      OpsAnalyticsWorkflow.define(
          env,
          job,
          KafkaEndpoints.inputs(job),
          new OpsAnalyticsWorkflow.Outputs(
              new DiscardingSink<>(), KafkaEndpoints.deadLetterSink(job), alerts, null));
      long started = System.nanoTime();
      env.execute("simulated day at " + demandFactor + " times demand");
      return new Result(
          alerts.collected(),
          new TruthFigures(groundTruth.toString()),
          dayStart,
          CalendarPeriod.DAY.endOf(dayStart),
          (System.nanoTime() - started) / 1e9);
    }
  }
}
