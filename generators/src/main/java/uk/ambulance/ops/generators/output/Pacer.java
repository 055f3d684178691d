package uk.ambulance.ops.generators.output;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Holds records back until their time has come: the first record's time is "now", and a record
 * {@code t} later goes out {@code t / speed} later on the wall clock. A speed of infinity sends as
 * fast as possible. Records whose time has already passed (late ones) go at once.
 *
 * <p>{@link #onWallClock} instead sends each record when the wall clock reaches its own time: a
 * simulation started in the past catches up at once, then runs in real time, so a live wall board
 * has an hour of history within a minute and event time stays with the clock.
 */
public final class Pacer implements RecordSink {
  private final RecordSink next;
  private final double speed;
  private final boolean wallClock;
  private Runnable onCaughtUp;
  private long firstRecordMillis = Long.MIN_VALUE;
  private long wallStartNanos;

  public Pacer(RecordSink next, double speed) {
    this(next, speed, false);
  }

  private Pacer(RecordSink next, double speed, boolean wallClock) {
    this.next = next;
    this.speed = speed;
    this.wallClock = wallClock;
  }

  public static Pacer onWallClock(RecordSink next) {
    return onWallClock(next, () -> {});
  }

  /** On the wall clock; {@code onCaughtUp} runs once, when the first record has to wait. */
  public static Pacer onWallClock(RecordSink next, Runnable onCaughtUp) {
    Pacer pacer = new Pacer(next, 1, true);
    pacer.onCaughtUp = onCaughtUp;
    return pacer;
  }

  @Override
  public void send(OutRecord record) throws IOException {
    if (wallClock) {
      long waitNanos = (record.timeMillis() - System.currentTimeMillis()) * 1_000_000;
      if (waitNanos > 0 && onCaughtUp != null) {
        next.flush();
        onCaughtUp.run();
        onCaughtUp = null;
      }
      sleep(waitNanos);
    } else if (Double.isFinite(speed)) {
      if (firstRecordMillis == Long.MIN_VALUE) {
        firstRecordMillis = record.timeMillis();
        wallStartNanos = System.nanoTime();
      }
      long dueNanos =
          wallStartNanos + (long) ((record.timeMillis() - firstRecordMillis) * 1e6 / speed);
      sleep(dueNanos - System.nanoTime());
    }
    next.send(record);
  }

  private static void sleep(long waitNanos) throws InterruptedIOException {
    if (waitNanos > 0) {
      try {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing");
      }
    }
  }

  @Override
  public void close() throws IOException {
    next.close();
  }
}
