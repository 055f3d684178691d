package uk.ambulance.ops.jobs.response;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.jobs.outcomes.OutcomeChange;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.response.IncidentChanges.Closure;
import uk.ambulance.ops.jobs.response.IncidentChanges.Waiting;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
import uk.ambulance.ops.jobs.waiting.WaitingChange;

/**
 * Keyed by incident: keeps the incident's timeline, and whenever an event changes its response
 * measurements emits the retraction of the old values and the new ones, for its area and for ALL.
 *
 * <p>What changed is worked out beside it ({@link ResponseClock}, {@link IncidentChanges}); this
 * function holds the timeline and the cleanup timer.
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

  /** Calls starting and stopping to wait. */
  public static final OutputTag<WaitingChange> WAITING =
      new OutputTag<>("calls-waiting", TypeInformation.of(WaitingChange.class));

  /** Closures, by outcome. */
  public static final OutputTag<OutcomeChange> OUTCOMES =
      new OutputTag<>("outcomes", TypeInformation.of(OutcomeChange.class));

  private final ClockRules rules;
  private final long closedRetentionMs;
  private final long maxOpenAgeMs;

  private transient ResponseClock clock;
  private transient ValueState<IncidentTimeline> timeline;
  private transient OneTimer cleanupAt;

  public IncidentClockFunction(ClockRules rules, Duration closedRetention, Duration maxOpenAge) {
    this.rules = rules;
    this.closedRetentionMs = closedRetention.toMillis();
    this.maxOpenAgeMs = maxOpenAge.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    clock = new ResponseClock(rules);
    KeyedStates states =
        KeyedStates.withSafetyNet(
            getRuntimeContext(), Duration.ofMillis(2 * Math.max(closedRetentionMs, maxOpenAgeMs)));
    timeline = states.value("timeline", TypeInformation.of(IncidentTimeline.class));
    cleanupAt = states.timer("cleanup-at");
  }

  @Override
  public void processElement(IncidentEvent event, Context ctx, Collector<ResponseChange> out)
      throws Exception {
    IncidentTimeline current = timeline.value();
    if (current == null) {
      current = new IncidentTimeline();
    }
    String id = event.incidentId();
    List<ResponseMeasurement> before = clock.measure(current);
    List<Waiting> waitingBefore = IncidentChanges.waiting(clock, current);
    Closure closureBefore = IncidentChanges.closure(current);
    current.apply(event);
    IncidentChanges.responses(id, before, clock.measure(current)).forEach(out::collect);
    emitWaiting(id, waitingBefore, IncidentChanges.waiting(clock, current), ctx);
    for (OutcomeChange c :
        IncidentChanges.closures(id, closureBefore, IncidentChanges.closure(current))) {
      ctx.output(OUTCOMES, c);
    }
    timeline.update(current);
    long due =
        current.isClosed()
            ? current.closedMs + closedRetentionMs
            : current.lastEventMs + maxOpenAgeMs;
    cleanupAt.moveTo(due, ctx.timerService());
  }

  private static void emitWaiting(
      String incidentId, List<Waiting> before, List<Waiting> after, Context ctx) {
    for (WaitingChange c : IncidentChanges.waits(incidentId, before, after)) {
      ctx.output(WAITING, c);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ResponseChange> out)
      throws Exception {
    IncidentTimeline t = timeline.value();
    if (t != null && !t.isClosed()) {
      ctx.output(SIGNALS, PipelineSignal.expired(Topics.CAD_INCIDENTS));
      // A call that never closed must not stay on the wall board as waiting for ever: its wait
      // ends here.
      List<Waiting> open = IncidentChanges.waiting(clock, t);
      emitWaiting(ctx.getCurrentKey(), open, IncidentChanges.endedAt(open, timestamp), ctx);
    }
    timeline.clear();
    cleanupAt.clear();
  }
}
