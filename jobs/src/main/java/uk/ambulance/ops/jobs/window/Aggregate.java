package uk.ambulance.ops.jobs.window;

/**
 * What a window keeps of its entries so that an entry can be added or taken out again (a
 * correction) without reading the rest: a sorted sample for response times, counts for outcomes.
 */
public interface Aggregate<E> {
  void add(E entry);

  /** Takes out one entry that was added before. */
  void remove(E entry);
}
