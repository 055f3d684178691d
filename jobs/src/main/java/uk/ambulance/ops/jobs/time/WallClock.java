package uk.ambulance.ops.jobs.time;

import java.io.Serializable;

/** The wall clock a live feed's event time may follow; replaceable so tests can move it. */
@FunctionalInterface
public interface WallClock extends Serializable {
  WallClock SYSTEM = System::currentTimeMillis;

  long nowMillis();
}
