package uk.ambulance.ops.generators.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.Outcome;

/**
 * The response clock recomputed from nothing but cad.incidents events, written separately from the
 * simulation's own bookkeeping, the way a consumer of the stream would: deduplicate by eventId,
 * order by time, apply the domain brief's rules.
 */
public final class IndependentClock {
  /** What the stream says about one incident. */
  public record Result(
      String incidentId,
      Outcome outcome,
      boolean counted,
      Category counting,
      Category highest,
      Long startMs,
      Long stopMs,
      Long c1tStopMs) {}

  private IndependentClock() {}

  public static Map<String, Result> recompute(
      List<IncidentEvent> delivered, Map<Category, Integer> capSeconds) {
    Set<String> seen = new HashSet<>();
    Map<String, List<IncidentEvent>> byIncident = new LinkedHashMap<>();
    for (IncidentEvent e : delivered) {
      if (seen.add(e.eventId())) {
        byIncident.computeIfAbsent(e.incidentId(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Result> results = new LinkedHashMap<>();
    for (var entry : byIncident.entrySet()) {
      List<IncidentEvent> events = new ArrayList<>(entry.getValue());
      events.sort(Comparator.comparing(IncidentEvent::time).thenComparing(IncidentEvent::type));
      results.put(entry.getKey(), one(entry.getKey(), events, capSeconds));
    }
    return results;
  }

  private static Result one(String id, List<IncidentEvent> events, Map<Category, Integer> caps) {
    long connected = Long.MAX_VALUE;
    List<IncidentEvent> categorised = new ArrayList<>();
    long firstAssigned = Long.MAX_VALUE;
    long firstArrival = Long.MAX_VALUE;
    long firstTransport = Long.MAX_VALUE;
    Outcome outcome = null;
    for (IncidentEvent e : events) {
      long t = e.timeMillis();
      switch (e.type()) {
        case CALL_CONNECTED -> connected = Math.min(connected, t);
        case CATEGORISED -> categorised.add(e);
        case RESOURCE_ASSIGNED -> firstAssigned = Math.min(firstAssigned, t);
        case RESOURCE_ARRIVED -> {
          firstArrival = Math.min(firstArrival, t);
          if (e.transportCapable()) {
            firstTransport = Math.min(firstTransport, t);
          }
        }
        case CLOSED -> outcome = e.outcome();
        default -> {}
      }
    }
    Category highest = null;
    for (IncidentEvent c : categorised) {
      if (highest == null || c.category().ordinal() < highest.ordinal()) {
        highest = c.category();
      }
    }
    Long start = null;
    if (!categorised.isEmpty() || firstAssigned != Long.MAX_VALUE) {
      long s = firstAssigned;
      if (!categorised.isEmpty()) {
        IncidentEvent first = categorised.get(0);
        s = Math.min(s, first.timeMillis());
        s = Math.min(s, connected + 1000L * caps.get(first.category()));
      }
      start = s;
    }
    boolean arrived = firstArrival != Long.MAX_VALUE;
    boolean counted =
        outcome != null
            && outcome != Outcome.HEAR_AND_TREAT
            && arrived
            && !(outcome.isWithdrawn() && !arrived);
    if (!counted) {
      return new Result(id, outcome, false, null, highest, start, null, null);
    }
    long stop;
    Category counting;
    Long c1t = null;
    if (inForce(categorised, firstArrival) == Category.C1) {
      stop = firstArrival;
      counting = Category.C1;
      if (outcome.isConveyed()) {
        c1t = firstTransport;
      }
    } else {
      stop = outcome.isConveyed() ? firstTransport : firstArrival;
      counting = inForce(categorised, stop);
    }
    return new Result(id, outcome, true, counting, highest, start, stop, c1t);
  }

  private static Category inForce(List<IncidentEvent> categorised, long time) {
    Category c = categorised.get(0).category();
    for (IncidentEvent e : categorised) {
      if (e.timeMillis() <= time) {
        c = e.category();
      }
    }
    return c;
  }
}
