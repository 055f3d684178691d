package uk.ambulance.ops.jobs.atrisk;

/**
 * One category's day in one scope (an area or London), as the at-risk figures read it: the calls
 * measured so far today, the calls waiting now, how the last hour went, and the calls still to
 * come.
 *
 * @param measured calls whose response time counts today so far
 * @param measuredOver of them, over the 90th-centile standard
 * @param measuredSumS their response times added up, seconds
 * @param waiting calls waiting now
 * @param waitingOver of them, waiting longer than the 90th-centile standard: certain breaches
 * @param waitingOverHalf of them, waiting longer than half of it
 * @param waitingSumS their waits so far added up, seconds
 * @param recentShareOver the share of the last hour's responses over the standard
 * @param recentMeanS the last hour's mean response, seconds
 * @param callsToCome calls of the category expected in the rest of the day
 * @param callsToComeMax the most calls of the category the rest of the day can bring
 */
public record DayState(
    long measured,
    long measuredOver,
    double measuredSumS,
    long waiting,
    long waitingOver,
    long waitingOverHalf,
    double waitingSumS,
    double recentShareOver,
    double recentMeanS,
    double callsToCome,
    long callsToComeMax) {}
