package uk.ambulance.ops.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.events.model.DeadLetter;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.jobs.alerts.AlertsPipeline;
import uk.ambulance.ops.jobs.atrisk.AtRiskSettings;
import uk.ambulance.ops.jobs.atrisk.StandardAtRiskPipeline;
import uk.ambulance.ops.jobs.demand.DemandPipeline;
import uk.ambulance.ops.jobs.edge.Inbound;
import uk.ambulance.ops.jobs.edge.ValidatedStream;
import uk.ambulance.ops.jobs.fleet.FleetPipeline;
import uk.ambulance.ops.jobs.hospitals.HospitalsPipeline;
import uk.ambulance.ops.jobs.outcomes.OutcomeCounts;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.pipeline.PipelineStatsFunction;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.points.PointStreams;
import uk.ambulance.ops.jobs.response.IncidentClockFunction;
import uk.ambulance.ops.jobs.response.ResponseChange;
import uk.ambulance.ops.jobs.response.ResponseSample;
import uk.ambulance.ops.jobs.time.EventTimes;
import uk.ambulance.ops.jobs.waiting.CallsWaitingFunction;
import uk.ambulance.ops.jobs.waiting.WaitingChange;
import uk.ambulance.ops.jobs.window.Aggregate;
import uk.ambulance.ops.jobs.window.CalendarPeriod;
import uk.ambulance.ops.jobs.window.PeriodWindowFunction;
import uk.ambulance.ops.jobs.window.RollingWindowFunction;
import uk.ambulance.ops.jobs.window.WindowAggregation;
import uk.ambulance.ops.jobs.window.WindowChange;

/**
 * The analytics dataflow, independent of where records come from and go to: the job wires Kafka and
 * InfluxDB in, tests wire in what they need.
 *
 * <pre>
 * cad.incidents ─ validate ─┬─ dedup by eventId ─ incident clock ─┬─ response times 1h, today, mtd ─┐
 *                           │                                     ├─ outcomes 1h, today, mtd ───────┤
 *                           │                                     └─ calls waiting ─────────────────┤
 *                           └─ dead letters ─▶ ops.deadletter                                       │
 *   calls ─ per area vs seasonal baseline; H3 hotspots, major incidents ────────────────────────────┤
 * avl.positions ─ validate, dedup (+ CAD time) ─ latest per vehicle ─ fleet counts ──────┼─▶ InfluxDB
 * CAD stays at EDs + hospital.status (no clock of its own) ─ pressure ──────────────────────────────┤
 *                  counts from every step ─ pipeline stats ─────────────────────────────────────────┤
 *   response times today, 1h + calls waiting + demand ─ day's standard at risk per area ───────────┤
 *   all points ─ alert rules ─ alert state per rule+scope ─┬─ alerts points ───────────────────────┘
 *                                                          ├─▶ ops.alerts
 *                                                          └─▶ Alertmanager (re-sent, heartbeat)
 * </pre>
 */
public final class OpsAnalyticsWorkflow {

  /** Where the records come from. */
  public record Inputs(
      Source<Inbound<IncidentEvent>, ?, ?> incidents,
      Source<Inbound<VehiclePosition>, ?, ?> positions,
      Source<Inbound<HospitalStatus>, ?, ?> hospitals) {}

  /**
   * Where the results go. Alert transitions always reach {@code metrics} as {@code alerts} points;
   * {@code alerts} ({@code ops.alerts}) and {@code alertmanager} may be null.
   */
  public record Outputs(
      Sink<InfluxPoint> metrics,
      Sink<DeadLetter> deadLetters,
      Sink<Alert> alerts,
      Sink<Alert> alertmanager) {
    public Outputs(Sink<InfluxPoint> metrics, Sink<DeadLetter> deadLetters) {
      this(metrics, deadLetters, null, null);
    }
  }

  private OpsAnalyticsWorkflow() {}

  public static void define(
      StreamExecutionEnvironment env, JobSettings settings, Inputs inputs, Outputs outputs) {
    EventTimes times = settings.eventTimes();
    ValidatedStream<IncidentEvent> incidents =
        ValidatedStream.of(
            env,
            inputs.incidents(),
            times.clockFeed(IncidentEvent::timeMillis),
            Topics.CAD_INCIDENTS,
            IncidentEvent.class,
            IncidentEvent::incidentId,
            IncidentEvent::eventId,
            IncidentEvent::timeMillis,
            settings.dedupMemory(),
            null); // no second clock: CAD is the clock the others follow
    DataStream<IncidentEvent> uniqueIncidents = incidents.unique();
    ValidatedStream<VehiclePosition> positions =
        ValidatedStream.of(
            env,
            inputs.positions(),
            times.clockFeed(VehiclePosition::timeMillis),
            Topics.AVL_POSITIONS,
            VehiclePosition.class,
            VehiclePosition::vehicleId,
            VehiclePosition::eventId,
            VehiclePosition::timeMillis,
            settings.fleet().dedupMemory(),
            FleetPipeline.cadClock(uniqueIncidents));
    ValidatedStream<HospitalStatus> hospitalStatus =
        ValidatedStream.of(
            env,
            inputs.hospitals(),
            EventTimes.statusFeed(),
            Topics.HOSPITAL_STATUS,
            HospitalStatus.class,
            HospitalStatus::hospitalId,
            HospitalStatus::eventId,
            HospitalStatus::timeMillis,
            settings.dedupMemory(),
            null); // it has no clock to keep (see EventTimes.statusFeed)

    SingleOutputStreamOperator<ResponseChange> responseChanges =
        uniqueIncidents
            .keyBy(IncidentEvent::incidentId)
            .process(
                new IncidentClockFunction(
                    settings.clockRules(),
                    settings.allowedLateness(),
                    settings.maxOpenIncidentAge()))
            .name("incident response clock")
            .uid("incident-clock");

    List<SingleOutputStreamOperator<InfluxPoint>> windows = new ArrayList<>();
    windows.addAll(
        windowsOf(
            responseChanges,
            ResponseSample.window(settings.centile()),
            "response times",
            "response-times",
            settings));
    windows.addAll(
        windowsOf(
            responseChanges.getSideOutput(IncidentClockFunction.OUTCOMES),
            OutcomeCounts.window(),
            "outcomes",
            "outcomes",
            settings));
    DataStream<InfluxPoint> callsWaiting =
        responseChanges
            .getSideOutput(IncidentClockFunction.WAITING)
            .keyBy(WaitingChange::key)
            .process(
                new CallsWaitingFunction(
                    settings.waitingTick(),
                    settings.allowedLateness(),
                    settings.maxOpenIncidentAge().multipliedBy(2)))
            .name("calls waiting")
            .uid("calls-waiting");
    List<DataStream<InfluxPoint>> producers = new ArrayList<>();
    producers.add(callsWaiting);
    producers.addAll(DemandPipeline.define(uniqueIncidents, settings));
    producers.add(FleetPipeline.define(positions.keyedUnique(), settings));
    producers.add(HospitalsPipeline.define(uniqueIncidents, hospitalStatus.unique(), settings));
    producers.addAll(windows);

    DataStream<PipelineSignal> signals =
        incidents
            .signals()
            .union(
                responseChanges.getSideOutput(IncidentClockFunction.SIGNALS),
                positions.signals(),
                hospitalStatus.signals());
    for (SingleOutputStreamOperator<InfluxPoint> window : windows) {
      signals = signals.union(window.getSideOutput(RollingWindowFunction.SIGNALS));
    }
    DataStream<InfluxPoint> pipelinePoints =
        signals
            .keyBy(PipelineSignal::stream)
            .process(new PipelineStatsFunction(settings.tick()))
            .name("pipeline stats")
            .uid("pipeline-stats");

    producers.add(pipelinePoints);
    PointStreams points = PointStreams.of(producers);
    points =
        points.with(
            StandardAtRiskPipeline.define(points, AtRiskSettings.DEFAULTS, settings.centile()));
    DataStream<Alert> alerts = AlertsPipeline.define(points, settings.alerts(), settings.replay());
    points
        .with(AlertsPipeline.points(alerts))
        .all()
        .sinkTo(outputs.metrics())
        .name("influxdb")
        .uid("sink-influxdb");
    if (outputs.alerts() != null) {
      alerts.sinkTo(outputs.alerts()).name(Topics.OPS_ALERTS).uid("sink-alerts");
    }
    if (outputs.alertmanager() != null) {
      // One writer: it keeps the firing set, re-sends it and the heartbeat every minute.
      alerts
          .sinkTo(outputs.alertmanager())
          .name("alertmanager")
          .uid("sink-alertmanager")
          .setParallelism(1);
    }

    incidents
        .deadLetters()
        .union(positions.deadLetters(), hospitalStatus.deadLetters())
        .sinkTo(outputs.deadLetters())
        .name(Topics.OPS_DEADLETTER)
        .uid("sink-deadletter");
  }

  /**
   * A measurement's windows, per {@link WindowChange#windowKey()}: the last hour, today, month to
   * date; each operator named {@code "<what>, <span>"} with uid {@code "<uid>-<span>"}.
   */
  private static <C extends WindowChange<E>, E, A extends Aggregate<E>>
      List<SingleOutputStreamOperator<InfluxPoint>> windowsOf(
          DataStream<C> changes,
          WindowAggregation<E, A> aggregation,
          String what,
          String uid,
          JobSettings settings) {
    KeyedStream<C, String> byKey = changes.keyBy(WindowChange::windowKey, Types.STRING);
    Duration tick = settings.tick();
    Duration lateness = settings.allowedLateness();
    return List.of(
        byKey
            .process(
                new RollingWindowFunction<C, E, A>(
                    aggregation, Metrics.WINDOW_1H, Duration.ofHours(1), tick, lateness))
            .name(what + ", rolling 1h")
            .uid(uid + "-1h"),
        byKey
            .process(
                new PeriodWindowFunction<C, E, A>(aggregation, CalendarPeriod.DAY, tick, lateness))
            .name(what + ", today")
            .uid(uid + "-today"),
        byKey
            .process(
                new PeriodWindowFunction<C, E, A>(
                    aggregation, CalendarPeriod.MONTH, tick, lateness))
            .name(what + ", month to date")
            .uid(uid + "-mtd"));
  }
}
