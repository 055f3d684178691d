package uk.ambulance.ops.jobs.atrisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.testing.ClusterTest;

/**
 * The simulator's surge day ({@code simulate --surge}, demand times 1.3) through Kafka and the
 * whole job: the likely warning for London's C2 90th centile is raised before the day's figure is
 * over the standard in the simulator's ground truth, and every certain warning (London and areas,
 * C1 and C2, mean and p90) is for a figure the ground truth's day does fail.
 */
@ClusterTest
class StandardAtRiskSurgeTest {

  @Test
  void warnsBeforeTheBreachAndIsCertainOnlyOfDaysThatFail() throws Exception {
    SimulatedDay.Result day =
        SimulatedDay.run(SimSettings.Demand.SURGE_FACTOR, Duration.ofHours(14));

    OptionalLong breach = day.truthBreach("C2", "ALL", "p90");
    assertThat(breach)
        .as("the surge day's C2 90th centile breaches in the ground truth")
        .isPresent();
    Alert likely =
        day.firstFiring("StandardAtRiskLikelyC2", "category=C2,metric=p90")
            .orElseThrow(() -> new AssertionError("no likely warning: " + day.alerts()));
    assertThat(likely.time().toEpochMilli())
        .as("the likely warning comes before the breach")
        .isLessThan(breach.getAsLong());

    assertThat(day.firings("StandardAtRiskCertain")).as("certain warnings").isNotEmpty();
    for (Alert certain : day.firings("StandardAtRiskCertain")) {
      Map<String, String> scope = SimulatedDay.Result.tags(certain.scope());
      assertThat(day.truthDayFails(scope.get("category"), scope.get("area"), scope.get("metric")))
          .as("the ground truth's day fails where %s fired at %s", certain.scope(), certain.time())
          .isTrue();
    }
  }
}
