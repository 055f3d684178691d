package uk.ambulance.ops.jobs.stats;

/** Count, mean and exact 90th centile of a set of response times, in milliseconds. */
public record ResponseStats(int count, double meanMs, double p90Ms, int provisional) {

  public static final ResponseStats EMPTY = new ResponseStats(0, Double.NaN, Double.NaN, 0);
}
