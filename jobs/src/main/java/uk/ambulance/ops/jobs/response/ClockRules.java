package uk.ambulance.ops.jobs.response;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import uk.ambulance.ops.events.model.Category;

/**
 * The settings of the response clock that the public record leaves open, with the domain brief's
 * defaults. The clock starts at the earliest of: the first categorisation, the first assignment, or
 * {@link #startCap(Category)} after the call is connected.
 */
public final class ClockRules implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final Duration DEFAULT_START_CAP = Duration.ofSeconds(240);

  private final EnumMap<Category, Long> startCapMillis;

  private ClockRules(EnumMap<Category, Long> startCapMillis) {
    this.startCapMillis = startCapMillis;
  }

  public static ClockRules defaults() {
    return withStartCaps(Map.of());
  }

  /** Caps for some categories; the rest keep the default of 240 s. */
  public static ClockRules withStartCaps(Map<Category, Duration> caps) {
    EnumMap<Category, Long> millis = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      Duration cap = caps.getOrDefault(c, DEFAULT_START_CAP);
      if (cap.isNegative()) {
        throw new IllegalArgumentException("clock start cap must not be negative: " + c);
      }
      millis.put(c, cap.toMillis());
    }
    return new ClockRules(millis);
  }

  /** How long after connection the clock starts at the latest, for a call of this category. */
  public long startCapMillis(Category category) {
    return startCapMillis.get(category);
  }
}
