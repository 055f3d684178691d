package uk.ambulance.ops.jobs.fleet;

import java.io.Serializable;
import java.time.Duration;

/**
 * @param dedupMemory how long a position's eventId is remembered: positions come every 30 s from
 *     some 650 vehicles, so a day's memory would hold millions of ids for nothing
 * @param silenceLimit an on-duty vehicle not heard from for longer than this counts as silent
 * @param forgetAfter a vehicle not heard from for this long is no longer counted at all
 * @param outageShare an area whose silent share of on-duty vehicles reaches this has a feed outage
 */
public record FleetSettings(
    Duration dedupMemory, Duration silenceLimit, Duration forgetAfter, double outageShare)
    implements Serializable {}
