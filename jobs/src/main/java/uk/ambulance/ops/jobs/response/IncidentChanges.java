package uk.ambulance.ops.jobs.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.jobs.outcomes.OutcomeChange;
import uk.ambulance.ops.jobs.waiting.WaitingChange;

/**
 * What an incident's timeline tells the windows downstream, and how an event changes it: the old
 * value retracted and the new one inserted, for the incident's area and for ALL, and nothing where
 * the value did not change.
 */
final class IncidentChanges {
  /**
   * A stretch of a call's wait: its queue (the category in force), where it is, from {@code fromMs}
   * until the next categorisation, the first arrival or the closure ({@code Long.MAX_VALUE} while
   * it still waits), the wait having started at the clock start.
   */
  record Waiting(Category category, Area area, long clockStartMs, long fromMs, long endMs) {}

  /** How it ended, as far as known. */
  record Closure(Outcome outcome, Area area, long closedMs) {}

  private IncidentChanges() {}

  static List<String> scopes(Area area) {
    return area == null ? List.of(Metrics.AREA_ALL) : List.of(Metrics.AREA_ALL, area.name());
  }

  /**
   * The call's wait in event time, from the clock start (known once categorised) until the first
   * vehicle arrives or the call closes, cut where the category changes: a tick counts the call in
   * the queue it was in at the tick's own moment, however late the tick is written (a replay, a
   * catch-up) and whenever the upgrade is seen. Intervals, not flags, for the same reason.
   */
  static List<Waiting> waiting(ResponseClock clock, IncidentTimeline t) {
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

  /** The wait of a call that never closed, ended at {@code t}. */
  static List<Waiting> endedAt(List<Waiting> open, long t) {
    return open.stream()
        .map(
            w ->
                w.endMs() == Long.MAX_VALUE
                    ? new Waiting(w.category(), w.area(), w.clockStartMs(), w.fromMs(), t)
                    : w)
        .filter(w -> w.endMs() > w.fromMs())
        .toList();
  }

  static Closure closure(IncidentTimeline t) {
    return t.isClosed() ? new Closure(t.outcome, t.area, t.closedMs) : null;
  }

  static List<ResponseChange> responses(
      String incidentId, List<ResponseMeasurement> before, List<ResponseMeasurement> after) {
    List<ResponseChange> changes = new ArrayList<>();
    for (ResponseMeasurement old : before) {
      if (!after.contains(old)) {
        for (String scope : scopes(old.area())) {
          changes.add(ResponseChange.retract(incidentId, scope, old));
        }
      }
    }
    for (ResponseMeasurement now : after) {
      if (!before.contains(now)) {
        for (String scope : scopes(now.area())) {
          changes.add(ResponseChange.insert(incidentId, scope, now));
        }
      }
    }
    return changes;
  }

  static List<WaitingChange> waits(String incidentId, List<Waiting> before, List<Waiting> after) {
    List<WaitingChange> changes = new ArrayList<>();
    for (Waiting old : before) {
      if (!after.contains(old)) {
        waits(incidentId, old, true, changes);
      }
    }
    for (Waiting now : after) {
      if (!before.contains(now)) {
        waits(incidentId, now, false, changes);
      }
    }
    return changes;
  }

  private static void waits(
      String incidentId, Waiting w, boolean retract, List<WaitingChange> changes) {
    for (String scope : scopes(w.area())) {
      changes.add(
          new WaitingChange(
              incidentId, w.category(), scope, w.clockStartMs(), w.fromMs(), w.endMs(), retract));
    }
  }

  static List<OutcomeChange> closures(String incidentId, Closure before, Closure after) {
    List<OutcomeChange> changes = new ArrayList<>();
    if (Objects.equals(before, after)) {
      return changes;
    }
    if (before != null) {
      closure(incidentId, before, true, changes);
    }
    if (after != null) {
      closure(incidentId, after, false, changes);
    }
    return changes;
  }

  private static void closure(
      String incidentId, Closure c, boolean retract, List<OutcomeChange> changes) {
    for (String scope : scopes(c.area())) {
      changes.add(new OutcomeChange(incidentId, scope, c.closedMs(), c.outcome(), retract));
    }
  }
}
