package uk.ambulance.ops.jobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.DeadLetter;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.jobs.edge.DropDuplicateEvents;
import uk.ambulance.ops.jobs.edge.Inbound;
import uk.ambulance.ops.jobs.edge.SplitRefused;
import uk.ambulance.ops.jobs.outcomes.OutcomeChange;
import uk.ambulance.ops.jobs.outcomes.PeriodOutcomes;
import uk.ambulance.ops.jobs.outcomes.RollingOutcomes;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.pipeline.PipelineStatsFunction;
import uk.ambulance.ops.jobs.response.IncidentClockFunction;
import uk.ambulance.ops.jobs.response.PeriodResponseTimes;
import uk.ambulance.ops.jobs.response.ResponseChange;
import uk.ambulance.ops.jobs.response.RollingResponseTimes;
import uk.ambulance.ops.jobs.sink.influx.InfluxPoint;
import uk.ambulance.ops.jobs.waiting.CallsWaitingFunction;
import uk.ambulance.ops.jobs.waiting.WaitingChange;
import uk.ambulance.ops.jobs.window.CalendarPeriod;

/**
 * The analytics dataflow, independent of where records come from and go to: the job wires Kafka and
 * InfluxDB in, tests wire in what they need.
 *
 * <pre>
 * cad.incidents ─ validate ─┬─ dedup by eventId ─ incident clock ─┬─ response times 1h, today, mtd ─┐
 *                           │                                     ├─ outcomes 1h, today, mtd ───────┤
 *                           │                                     └─ calls waiting ─────────────────┤
 *                           └─ dead letters ─▶ ops.deadletter                                       ├─▶ InfluxDB
 *                  counts from every step ─ pipeline stats ─────────────────────────────────────────┘
 * </pre>
 */
public final class OpsAnalyticsWorkflow {

  /** Where the records come from. */
  public record Inputs(Source<Inbound<IncidentEvent>, ?, ?> incidents) {}

  /** Where the results go. */
  public record Outputs(Sink<InfluxPoint> metrics, Sink<DeadLetter> deadLetters) {}

  private OpsAnalyticsWorkflow() {}

  public static void define(
      StreamExecutionEnvironment env, JobSettings settings, Inputs inputs, Outputs outputs) {
    DataStream<Inbound<IncidentEvent>> incidentRecords =
        env.fromSource(
                inputs.incidents(),
                EventTimes.watermarks(settings, IncidentEvent::timeMillis),
                "source: " + Topics.CAD_INCIDENTS)
            .uid("source-cad-incidents");

    SingleOutputStreamOperator<IncidentEvent> incidents =
        incidentRecords
            .process(new SplitRefused<IncidentEvent>(Topics.CAD_INCIDENTS))
            .returns(IncidentEvent.class)
            .name("validate " + Topics.CAD_INCIDENTS)
            .uid("validate-cad-incidents");

    SingleOutputStreamOperator<IncidentEvent> uniqueIncidents =
        incidents
            .keyBy(IncidentEvent::eventId)
            .process(
                new DropDuplicateEvents<IncidentEvent>(
                    Topics.CAD_INCIDENTS, settings.dedupMemory(), IncidentEvent::timeMillis))
            .returns(IncidentEvent.class)
            .name("drop duplicate " + Topics.CAD_INCIDENTS)
            .uid("dedup-cad-incidents");

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

    SingleOutputStreamOperator<InfluxPoint> rollingHour =
        responseChanges
            .keyBy(ResponseChange::windowKey)
            .process(
                new RollingResponseTimes(
                    Metrics.WINDOW_1H,
                    java.time.Duration.ofHours(1),
                    settings.tick(),
                    settings.allowedLateness(),
                    settings.centile()))
            .name("response times, rolling 1h")
            .uid("response-times-1h");

    DataStream<InfluxPoint> incidentPoints =
        rollingHour.union(
            calendarWindows(responseChanges, settings),
            outcomes(responseChanges.getSideOutput(IncidentClockFunction.OUTCOMES), settings),
            responseChanges
                .getSideOutput(IncidentClockFunction.WAITING)
                .keyBy(WaitingChange::key)
                .process(
                    new CallsWaitingFunction(
                        settings.tick(), settings.maxOpenIncidentAge().multipliedBy(2)))
                .name("calls waiting")
                .uid("calls-waiting"));

    DataStream<PipelineSignal> signals =
        incidents
            .getSideOutput(SplitRefused.SIGNALS)
            .union(
                uniqueIncidents.getSideOutput(DropDuplicateEvents.SIGNALS),
                responseChanges.getSideOutput(IncidentClockFunction.SIGNALS),
                rollingHour.getSideOutput(RollingResponseTimes.SIGNALS));

    SingleOutputStreamOperator<InfluxPoint> pipelinePoints =
        signals
            .keyBy(PipelineSignal::stream)
            .process(new PipelineStatsFunction(settings.tick()))
            .name("pipeline stats")
            .uid("pipeline-stats");

    incidentPoints
        .union(pipelinePoints)
        .sinkTo(outputs.metrics())
        .name("influxdb")
        .uid("sink-influxdb");

    incidents
        .getSideOutput(SplitRefused.DEAD_LETTERS)
        .sinkTo(outputs.deadLetters())
        .name(Topics.OPS_DEADLETTER)
        .uid("sink-deadletter");
  }

  /** Response times today and month to date, per category and area. */
  private static DataStream<InfluxPoint> calendarWindows(
      DataStream<ResponseChange> changes, JobSettings settings) {
    KeyedStream<ResponseChange, String> byKey = changes.keyBy(ResponseChange::windowKey);
    return byKey
        .process(
            new PeriodResponseTimes(
                CalendarPeriod.DAY,
                settings.tick(),
                settings.allowedLateness(),
                settings.centile()))
        .name("response times, today")
        .uid("response-times-today")
        .union(
            byKey
                .process(
                    new PeriodResponseTimes(
                        CalendarPeriod.MONTH,
                        settings.tick(),
                        settings.allowedLateness(),
                        settings.centile()))
                .name("response times, month to date")
                .uid("response-times-mtd"));
  }

  /** Outcomes of closed incidents per area: the last hour, today, month to date. */
  private static DataStream<InfluxPoint> outcomes(
      DataStream<OutcomeChange> closures, JobSettings settings) {
    KeyedStream<OutcomeChange, String> byArea = closures.keyBy(OutcomeChange::windowKey);
    return byArea
        .process(
            new RollingOutcomes(
                Metrics.WINDOW_1H,
                java.time.Duration.ofHours(1),
                settings.tick(),
                settings.allowedLateness()))
        .name("outcomes, rolling 1h")
        .uid("outcomes-1h")
        .union(
            byArea
                .process(
                    new PeriodOutcomes(
                        CalendarPeriod.DAY, settings.tick(), settings.allowedLateness()))
                .name("outcomes, today")
                .uid("outcomes-today"),
            byArea
                .process(
                    new PeriodOutcomes(
                        CalendarPeriod.MONTH, settings.tick(), settings.allowedLateness()))
                .name("outcomes, month to date")
                .uid("outcomes-mtd"));
  }

  /** Event-time rules shared by every source. */
  static final class EventTimes {
    private EventTimes() {}

    static <T> WatermarkStrategy<Inbound<T>> watermarks(
        JobSettings settings, DropDuplicateEvents.EventTime<T> eventTime) {
      return WatermarkStrategy.<Inbound<T>>forBoundedOutOfOrderness(settings.outOfOrderness())
          // A refused record has no trustworthy time: it must not move the watermark.
          .withTimestampAssigner(
              (in, kafkaTime) -> in.isAccepted() ? eventTime.millis(in.event) : Long.MIN_VALUE)
          .withIdleness(settings.idleness());
    }
  }
}
