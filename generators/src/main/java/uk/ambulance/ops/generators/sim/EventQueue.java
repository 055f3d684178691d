package uk.ambulance.ops.generators.sim;

import java.util.PriorityQueue;

/**
 * The simulation's agenda: actions ordered by time, ties broken by the order they were scheduled,
 * so that a run is fully determined by its seed.
 */
final class EventQueue {
  private record Entry(long time, long seq, Runnable action) {}

  private final PriorityQueue<Entry> agenda =
      new PriorityQueue<>(
          (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
  private long seq;
  private long now;

  long now() {
    return now;
  }

  void at(long time, Runnable action) {
    agenda.add(new Entry(Math.max(time, now), seq++, action));
  }

  boolean isEmpty() {
    return agenda.isEmpty();
  }

  long nextTime() {
    return agenda.peek().time;
  }

  void runNext() {
    Entry next = agenda.poll();
    now = next.time;
    next.action.run();
  }
}
