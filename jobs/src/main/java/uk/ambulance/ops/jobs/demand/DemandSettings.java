package uk.ambulance.ops.jobs.demand;

import java.io.Serializable;
import java.time.Duration;

/**
 * How demand is compared with what is expected, and when a cell or a cluster of cells is flagged.
 *
 * @param priorCallsPerHour London's calls per hour assumed before anything is learned; each area
 *     starts at a fifth of it, every hour of the week alike
 * @param baselineHalfLifeWeeks how fast the seasonal baseline forgets: each hour-of-week slot moves
 *     towards a new week's count by the weight that halves an old week's influence in this many
 *     weeks
 * @param cellShareHalfLife how fast a cell's learned share of London's calls forgets old calls
 * @param cellPriorCalls the weight, in calls spread evenly over {@code cells}, of the prior that
 *     every cell has an equal share
 * @param cells how many resolution-8 cells the service area has, for the even prior
 * @param hotspotWindow the recent window a cell's count is taken over
 * @param hotspotScore a cell is hot when -log10 of the Poisson probability of at least its count
 *     reaches this
 * @param hotspotMinCalls and it has at least this many calls in the window
 * @param majorIncidentWindow the few minutes a major incident's calls are counted over
 * @param majorIncidentScore the Poisson score a cluster (a cell and its neighbours) must reach
 * @param majorIncidentMinCalls and the least number of calls it must have in the window
 */
public record DemandSettings(
    double priorCallsPerHour,
    double baselineHalfLifeWeeks,
    Duration cellShareHalfLife,
    double cellPriorCalls,
    int cells,
    Duration hotspotWindow,
    double hotspotScore,
    int hotspotMinCalls,
    Duration majorIncidentWindow,
    double majorIncidentScore,
    int majorIncidentMinCalls)
    implements Serializable {

  /** The weight a new week's count gets in its hour-of-week slot. */
  public double baselineWeight() {
    return 1 - Math.pow(0.5, 1 / baselineHalfLifeWeeks);
  }
}
