package uk.ambulance.ops.events.json;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import uk.ambulance.ops.events.geo.ServiceRegion;

/**
 * What a record must satisfy besides its shape: where it may be, how far in the future its time may
 * lie (clocks drift, but a day ahead is a broken producer), and how large it may be.
 */
public record ValidationRules(
    ServiceRegion region, Duration maxFutureSkew, int maxRecordBytes, Clock clock)
    implements Serializable {

  public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(24);

  public static ValidationRules defaults() {
    return new ValidationRules(
        ServiceRegion.GREATER_LONDON,
        DEFAULT_MAX_FUTURE_SKEW,
        DEFAULT_MAX_RECORD_BYTES,
        Clock.systemUTC());
  }

  public ValidationRules withRegion(ServiceRegion newRegion) {
    return new ValidationRules(newRegion, maxFutureSkew, maxRecordBytes, clock);
  }

  public ValidationRules withClock(Clock newClock) {
    return new ValidationRules(region, maxFutureSkew, maxRecordBytes, newClock);
  }
}
