package uk.ambulance.ops.jobs.atrisk;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import uk.ambulance.ops.events.model.ReportingCategory;

/**
 * How the day's standards at risk are figured.
 *
 * @param tick how often the figures are written, event time
 * @param demandAllowance how many times the seasonal expectation the rest of a day may bring, for
 *     the certain bound (a surge day of the simulator brings 1.3)
 * @param tail the chance the certain bound allows that even that many calls are passed
 */
public record AtRiskSettings(Duration tick, double demandAllowance, double tail)
    implements Serializable {

  public static final AtRiskSettings DEFAULTS = new AtRiskSettings(Duration.ofMinutes(1), 2, 1e-6);

  /** The categories with both a mean and a 90th-centile standard (C1T is a subset of C1). */
  public static final List<ReportingCategory> CATEGORIES =
      Arrays.stream(ReportingCategory.values())
          .filter(c -> c != ReportingCategory.C1T)
          .filter(c -> c.targetMeanSeconds().isPresent() && c.targetP90Seconds().isPresent())
          .toList();

  /** The categories whose calls make up a day's calls, for a category's share of them. */
  public static final List<ReportingCategory> ALL_CALLS =
      Arrays.stream(ReportingCategory.values()).filter(c -> c != ReportingCategory.C1T).toList();
}
