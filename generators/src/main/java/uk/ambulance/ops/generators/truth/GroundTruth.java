package uk.ambulance.ops.generators.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;

/**
 * What really happened to one incident, measured by the domain brief's clock rules. One line of
 * {@code ground-truth.ndjson}; null fields are left out.
 *
 * <ul>
 *   <li>{@code clockStart}: earliest of first CATEGORISED, first RESOURCE_ASSIGNED, and
 *       CALL_CONNECTED plus the cap of the first category given; {@code clockStartBy} names which.
 *   <li>{@code clockStop}: if the category in force at the first arrival is C1, that arrival;
 *       otherwise the first transport-capable arrival for a conveyed patient, else the first
 *       arrival. "In force at t" is the last CATEGORISED at or before t (the first one if none
 *       yet).
 *   <li>{@code countingCategory}: the category in force at the clock stop; {@code highestCategory}:
 *       the most urgent category the incident ever had.
 *   <li>{@code counted}: false for hear and treat and for incidents cancelled or closed as
 *       duplicates before any arrival ({@code excludedBecause} says which).
 *   <li>{@code c1t*}: conveyed C1 incidents only, timed to the first transport-capable arrival.
 *   <li>Response times in milliseconds, and in whole seconds rounded half up.
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = false)
public record GroundTruth(
    String incidentId,
    Area area,
    Instant callConnected,
    Category initialCategory,
    Category highestCategory,
    Category countingCategory,
    Outcome outcome,
    Instant closed,
    boolean counted,
    String excludedBecause,
    Instant clockStart,
    String clockStartBy,
    Instant clockStop,
    Long responseTimeMs,
    Long responseTimeS,
    Boolean c1t,
    Instant c1tClockStop,
    Long c1tResponseTimeMs,
    Long c1tResponseTimeS) {

  /** Whole seconds as the national return reports them: rounded half up. */
  public static long toSeconds(long millis) {
    return Math.floorDiv(millis + 500, 1000);
  }
}
