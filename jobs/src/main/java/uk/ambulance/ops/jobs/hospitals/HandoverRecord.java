package uk.ambulance.ops.jobs.hospitals;

/**
 * One crew's stay at an ED as far as it is known: arrived at {@code arrivedMs}, and either handed
 * over at {@code endMs} ({@code handedOver}), or gone without a recorded handover at {@code endMs}
 * (the crew cleared), or still waiting ({@code endMs} is {@link Long#MAX_VALUE}). {@code key}
 * identifies the stay inside the job only (incident and vehicle) and is never written out.
 */
public record HandoverRecord(
    String key, String hospitalId, long arrivedMs, long endMs, boolean handedOver) {

  public static final long OPEN = Long.MAX_VALUE;

  /** Waiting at {@code t}: arrived by then and not yet handed over or gone. */
  public boolean waitingAt(long t) {
    return arrivedMs <= t && t < endMs;
  }

  public long handoverMs() {
    return Math.max(0, endMs - arrivedMs);
  }
}
