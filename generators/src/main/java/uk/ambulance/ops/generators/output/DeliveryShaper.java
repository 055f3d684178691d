package uk.ambulance.ops.generators.output;

import java.io.IOException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import uk.ambulance.ops.generators.sim.SimSettings;

/**
 * Delivers records the way a real feed does. A share of records is held back and delivered up to
 * the maximum delay later (out of order); a share is delivered a second time, same bytes and same
 * eventId, a little later (a producer retry); a share is followed by a malformed copy with its own
 * eventId (so the original is never lost and the ground truth never depends on the bad copy).
 * Records that arrive here in time order leave in delivery order.
 */
public final class DeliveryShaper implements RecordSink {
  private record Pending(long deliverAt, long seq, OutRecord record) {}

  private final RecordSink next;
  private final SimSettings.Delivery delivery;
  private final SplittableRandom random;
  private final Malformer malformer;
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          (a, b) ->
              a.deliverAt != b.deliverAt
                  ? Long.compare(a.deliverAt, b.deliverAt)
                  : Long.compare(a.seq, b.seq));
  private long seq;
  private long malformed;
  private long duplicated;
  private long delayed;

  public DeliveryShaper(RecordSink next, SimSettings.Delivery delivery, long seed) {
    this.next = next;
    this.delivery = delivery;
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.malformer = new Malformer(random.split());
  }

  @Override
  public void send(OutRecord record) throws IOException {
    long now = record.timeMillis();
    flushUntil(now);
    long maxDelay = Math.max(1, delivery.maxDelay().toMillis());
    if (chance(delivery.outOfOrderShare())) {
      delayed++;
      hold(now + 1 + random.nextLong(maxDelay), record);
    } else {
      next.send(record);
    }
    if (chance(delivery.duplicateShare())) {
      duplicated++;
      hold(now + random.nextLong(maxDelay), record);
    }
    if (chance(delivery.malformedShare())) {
      malformed++;
      next.send(malformer.corrupt(record));
    }
  }

  private boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  private void hold(long deliverAt, OutRecord record) {
    pending.add(new Pending(deliverAt, seq++, record));
  }

  private void flushUntil(long time) throws IOException {
    while (!pending.isEmpty() && pending.peek().deliverAt <= time) {
      next.send(pending.poll().record);
    }
  }

  public long malformed() {
    return malformed;
  }

  public long duplicated() {
    return duplicated;
  }

  public long delayed() {
    return delayed;
  }

  @Override
  public void close() throws IOException {
    flushUntil(Long.MAX_VALUE);
    next.close();
  }
}
