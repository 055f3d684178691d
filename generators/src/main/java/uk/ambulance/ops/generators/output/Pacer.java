package uk.ambulance.ops.generators.output;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Holds records back until their time has come: the first record's time is "now", and a record
 * {@code t} later goes out {@code t / speed} later on the wall clock. A speed of infinity sends as
 * fast as possible. Records whose time has already passed (late ones) go at once.
 */
public final class Pacer implements RecordSink {
  private final RecordSink next;
  private final double speed;
  private long firstRecordMillis = Long.MIN_VALUE;
  private long wallStartNanos;

  public Pacer(RecordSink next, double speed) {
    this.next = next;
    this.speed = speed;
  }

  @Override
  public void send(OutRecord record) throws IOException {
    if (Double.isFinite(speed)) {
      if (firstRecordMillis == Long.MIN_VALUE) {
        firstRecordMillis = record.timeMillis();
        wallStartNanos = System.nanoTime();
      }
      long dueNanos =
          wallStartNanos + (long) ((record.timeMillis() - firstRecordMillis) * 1e6 / speed);
      long waitNanos = dueNanos - System.nanoTime();
      if (waitNanos > 0) {
        try {
          Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while pacing");
        }
      }
    }
    next.send(record);
  }

  @Override
  public void close() throws IOException {
    next.close();
  }
}
