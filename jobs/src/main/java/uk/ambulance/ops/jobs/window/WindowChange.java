package uk.ambulance.ops.jobs.window;

/** An insertion or retraction of one entry in the windows of one key. */
public interface WindowChange<E> {
  /** The key of the windows it belongs to (e.g. category and area). */
  String windowKey();

  /** The event time that places the entry in windows: a clock stop, a closure. */
  long timeMs();

  boolean retract();

  /** The input stream the change comes from, which a change too late to apply is counted on. */
  String stream();

  E entry();
}
