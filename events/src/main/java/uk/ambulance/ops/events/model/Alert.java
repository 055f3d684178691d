package uk.ambulance.ops.events.model;

import java.time.Instant;

/**
 * An alert raised or resolved, as written to {@code ops.alerts}. {@code alertKey} identifies one
 * problem (rule and scope) so that consumers can pair FIRING with RESOLVED.
 */
public record Alert(
    String alertKey,
    String rule,
    String severity,
    String scope,
    State state,
    double value,
    double threshold,
    String message,
    Instant time) {

  public enum State {
    FIRING,
    RESOLVED
  }
}
