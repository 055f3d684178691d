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
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.jobs.SafetyNetTtl;
import uk.ambulance.ops.jobs.outcomes.OutcomeChange;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.waiting.WaitingChange;

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

  /** Calls starting and stopping to wait. */
  public static final OutputTag<WaitingChange> WAITING =
      new OutputTag<>("calls-waiting", TypeInformation.of(WaitingChange.class));

  /** Closures, by outcome. */
  public static final OutputTag<OutcomeChange> OUTCOMES =
      new OutputTag<>("outcomes", TypeInformation.of(OutcomeChange.class));

  /**
   * A stretch of a call's wait: its queue (the category in force), where it is, from {@code fromMs}
   * until the next categorisation, the first arrival or the closure ({@code Long.MAX_VALUE} while
   * it still waits), the wait having started at the clock start.
   */
  private record Waiting(
      Category category, Area area, long clockStartMs, long fromMs, long endMs) {}

  /** How it ended, as far as known. */
  private record Closure(Outcome outcome, Area area, long closedMs) {}

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
        SafetyNetTtl.after(Duration.ofMillis(2 * Math.max(closedRetentionMs, maxOpenAgeMs)));
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
    List<Waiting> waitingBefore = waiting(current);
    Closure closureBefore = closure(current);
    current.apply(event);
    List<ResponseMeasurement> after = clock.measure(current);
    emitDifference(event.incidentId(), before, after, out);
    emitWaiting(event.incidentId(), waitingBefore, waiting(current), ctx);
    emitClosure(event.incidentId(), closureBefore, closure(current), ctx);
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
    return scopes(m.area());
  }

  private static List<String> scopes(Area area) {
    return area == null ? List.of(Metrics.AREA_ALL) : List.of(Metrics.AREA_ALL, area.name());
  }

  /**
   * The call's wait in event time, from the clock start (known once categorised) until the first
   * vehicle arrives or the call closes, cut where the category changes: a tick counts the call in
   * the queue it was in at the tick's own moment, however late the tick is written (a replay, a
   * catch-up) and whenever the upgrade is seen. Intervals, not flags, for the same reason.
   */
  private List<Waiting> waiting(IncidentTimeline t) {
    if (!t.isCategorised()) {
      return List.of();
    }
    long start = clock.clockStart(t);
    long end = Long.MAX_VALUE;
    if (t.firstArrival() != null) {
      end = t.firstArrival().timeMs();
    }
    if (t.isClosed()) {
      end = Math.min(end, t.closedMs);
    }
    return WaitStretches.of(t.categorisations, start, end).stream()
        .map(s -> new Waiting(s.category(), t.area, start, s.fromMs(), s.endMs()))
        .toList();
  }

  private static Closure closure(IncidentTimeline t) {
    return t.isClosed() ? new Closure(t.outcome, t.area, t.closedMs) : null;
  }

  private static void emitWaiting(
      String incidentId, List<Waiting> before, List<Waiting> after, Context ctx) {
    for (Waiting old : before) {
      if (!after.contains(old)) {
        emitWaiting(incidentId, old, true, ctx);
      }
    }
    for (Waiting now : after) {
      if (!before.contains(now)) {
        emitWaiting(incidentId, now, false, ctx);
      }
    }
  }

  private static void emitWaiting(String incidentId, Waiting w, boolean retract, Context ctx) {
    for (String scope : scopes(w.area())) {
      ctx.output(
          WAITING,
          new WaitingChange(
              incidentId, w.category(), scope, w.clockStartMs(), w.fromMs(), w.endMs(), retract));
    }
  }

  private static void emitClosure(String incidentId, Closure before, Closure after, Context ctx) {
    emitChange(
        before,
        after,
        Closure::area,
        (c, scope, retract) ->
            ctx.output(
                OUTCOMES,
                new OutcomeChange(incidentId, scope, c.closedMs(), c.outcome(), retract)));
  }

  /** What a scoped change is made of: the value, its scope and whether it is taken back. */
  private interface ScopedEmitter<T> {
    void emit(T value, String scope, boolean retract);
  }

  /** Retracts {@code before} and inserts {@code after}, in every scope, if they differ. */
  private static <T> void emitChange(
      T before, T after, java.util.function.Function<T, Area> area, ScopedEmitter<T> emitter) {
    if (java.util.Objects.equals(before, after)) {
      return;
    }
    if (before != null) {
      for (String scope : scopes(area.apply(before))) {
        emitter.emit(before, scope, true);
      }
    }
    if (after != null) {
      for (String scope : scopes(area.apply(after))) {
        emitter.emit(after, scope, false);
      }
    }
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
      // A call that never closed must not stay on the wall board as waiting for ever: its wait
      // ends here.
      List<Waiting> open = waiting(t);
      emitWaiting(
          ctx.getCurrentKey(),
          open,
          open.stream()
              .map(
                  w ->
                      w.endMs() == Long.MAX_VALUE
                          ? new Waiting(
                              w.category(), w.area(), w.clockStartMs(), w.fromMs(), timestamp)
                          : w)
              .filter(w -> w.endMs() > w.fromMs())
              .toList(),
          ctx);
    }
    timeline.clear();
    cleanupAt.clear();
  }
}
