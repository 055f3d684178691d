package uk.ambulance.ops.jobs.groundtruth;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;

/**
 * The simulator's major-incident scenario as its CLI runs it by default ({@code --major-incident
 * PT14H}: 80 calls over 20 minutes at Waterloo, 14 hours into a simulated day) through Kafka and
 * the whole job: flagged within five minutes of its start. Its own broker: a second run's records
 * on a broker that already served one were slow to be acknowledged.
 */
@ClusterTest
class SimulatorHotspotsDefaultIncidentTest {

  @RegisterExtension
  @org.junit.jupiter.api.Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  @Test
  void theSimulatorsDefaultMajorIncidentIsFlaggedWithinFiveMinutes() throws Exception {
    SimSettings plain = SimulatorHotspotsTest.ordinary(Duration.ofDays(1));
    SimSettings.MajorIncident scenario =
        new SimSettings.MajorIncident(
            plain.start().plus(Duration.ofHours(14)), 51.5033, -0.1196, 80, Duration.ofMinutes(20));
    SimSettings settings = plain.withScenarios(new SimSettings.Scenarios(scenario, null, null));
    List<SimulatorHotspotsTest.Episode> day =
        SimulatorHotspotsTest.episodes(
            SimulatorHotspotsTest.run(KAFKA, "SimulatorHotspotsDefaultIncidentTest", settings)
                .points());
    long falseOnes =
        day.stream().filter(e -> !SimulatorHotspotsTest.isTheScenarios(e, scenario)).count();
    System.out.printf(
        "SimulatorHotspotsDefaultIncidentTest: %d flags other than the scenario's in the day%n",
        falseOnes);
    SimulatorHotspotsTest.assertFlaggedWithinFiveMinutes(
        "SimulatorHotspotsDefaultIncidentTest major-80", scenario, day);
  }
}
