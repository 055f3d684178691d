package uk.ambulance.ops.jobs.response;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;

/**
 * Keyed by incident: keeps the incident's timeline, and whenever an event changes its response
 * measurements emits the retraction of the old values and the new ones, for its area and for ALL.
 *
 * <p>State is removed once it can no longer change an output: {@code closedRetention} after the
 * close (late events of a closed incident still correct it until then), or {@code maxOpenAge} after
 * the last event of an incident that never closed (counted as expired). A state TTL of twice the
 * longer of the two is a safety net should a timer ever be lost.
 */
public class IncidentClockFunction
    extends KeyedProcessFunction<String, IncidentEvent, ResponseChange> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<PipelineSignal> SIGNALS =
      new OutputTag<>("incident-clock-signals", TypeInformation.of(PipelineSignal.class));

  private final ClockRules rules;
  private final long closedRetentionMs;
  private final long maxOpenAgeMs;

  private transient ResponseClock clock;
  private transient ValueState<IncidentTimeline> timeline;
  private transient ValueState<Long> cleanupAt;

  public IncidentClockFunction(ClockRules rules, Duration closedRetention, Duration maxOpenAge) {
    this.rules = rules;
    this.closedRetentionMs = closedRetention.toMillis();
    this.maxOpenAgeMs = maxOpenAge.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    clock = new ResponseClock(rules);
    StateTtlConfig ttl =
        StateTtlConfig.newBuilder(Duration.ofMillis(2 * Math.max(closedRetentionMs, maxOpenAgeMs)))
            .build();
    var timelineDescriptor =
        new ValueStateDescriptor<>("timeline", TypeInformation.of(IncidentTimeline.class));
    timelineDescriptor.enableTimeToLive(ttl);
    timeline = getRuntimeContext().getState(timelineDescriptor);
    var cleanupDescriptor = new ValueStateDescriptor<>("cleanup-at", Long.class);
    cleanupDescriptor.enableTimeToLive(ttl);
    cleanupAt = getRuntimeContext().getState(cleanupDescriptor);
  }

  @Override
  public void processElement(IncidentEvent event, Context ctx, Collector<ResponseChange> out)
      throws Exception {
    IncidentTimeline current = timeline.value();
    if (current == null) {
      current = new IncidentTimeline();
    }
    List<ResponseMeasurement> before = clock.measure(current);
    current.apply(event);
    List<ResponseMeasurement> after = clock.measure(current);
    emitDifference(event.incidentId(), before, after, out);
    timeline.update(current);
    rescheduleCleanup(current, ctx);
  }

  private static void emitDifference(
      String incidentId,
      List<ResponseMeasurement> before,
      List<ResponseMeasurement> after,
      Collector<ResponseChange> out) {
    for (ResponseMeasurement old : before) {
      if (!after.contains(old)) {
        for (String scope : scopes(old)) {
          out.collect(ResponseChange.retract(incidentId, scope, old));
        }
      }
    }
    for (ResponseMeasurement now : after) {
      if (!before.contains(now)) {
        for (String scope : scopes(now)) {
          out.collect(ResponseChange.insert(incidentId, scope, now));
        }
      }
    }
  }

  private static List<String> scopes(ResponseMeasurement m) {
    return m.area() == null
        ? List.of(Metrics.AREA_ALL)
        : List.of(Metrics.AREA_ALL, m.area().name());
  }

  private void rescheduleCleanup(IncidentTimeline t, Context ctx) throws Exception {
    long due = t.isClosed() ? t.closedMs + closedRetentionMs : t.lastEventMs + maxOpenAgeMs;
    Long scheduled = cleanupAt.value();
    if (scheduled != null && scheduled == due) {
      return;
    }
    if (scheduled != null) {
      ctx.timerService().deleteEventTimeTimer(scheduled);
    }
    ctx.timerService().registerEventTimeTimer(due);
    cleanupAt.update(due);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ResponseChange> out)
      throws Exception {
    IncidentTimeline t = timeline.value();
    if (t != null && !t.isClosed()) {
      ctx.output(SIGNALS, PipelineSignal.expired(Topics.CAD_INCIDENTS));
    }
    timeline.clear();
    cleanupAt.clear();
  }
}
