package uk.ambulance.ops.jobs.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Metrics.FleetFeed;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;

/**
 * The simulator's AVL-outage scenario through Kafka and the whole job with its default settings:
 * the London-wide feed outage is flagged within a few minutes of the window's start, every on-duty
 * vehicle is counted silent while it lasts, and the outage clears soon after the window ends. The
 * ground truth is the scenario's window and the positions the simulator sent before it, not
 * anything the job computes.
 */
@ClusterTest
class SimulatorFleetTest {

  @RegisterExtension
  @org.junit.jupiter.api.Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  private static final long MINUTE = 60_000;

  @Test
  void anAvlOutageIsFlaggedWithinAFewMinutesAndClearsAfterIt() throws Exception {
    // Three hours of a Monday morning (AVL is some 1.9 million positions a day), the feed down
    // for the CLI's default 30 minutes from 09:30 UTC.
    Instant start = SimSettings.DEFAULT_FILE_START.plus(Duration.ofHours(8));
    Instant from = start.plus(Duration.ofMinutes(90));
    Instant until = from.plus(Duration.ofMinutes(30));
    SimSettings settings =
        SimSettings.defaults()
            .withStart(start)
            .withDuration(Duration.ofHours(3))
            .withScenarios(
                new SimSettings.Scenarios(null, null, new SimSettings.Window(from, until)));
    SimulatorFleetAndHotspotsJob.Result run =
        SimulatorFleetAndHotspotsJob.run(
            KAFKA,
            "avl-outage",
            settings,
            Set.of(Topics.CAD_INCIDENTS, Topics.AVL_POSITIONS),
            Set.of(FleetFeed.MEASUREMENT));
    List<InfluxPoint> london =
        run.points().stream()
            .filter(p -> p.tags().get(FleetFeed.TAG_AREA).equals(Metrics.AREA_ALL))
            .sorted(Comparator.comparingLong(InfluxPoint::timeMillis))
            .toList();
    long onDutyBefore = onDutyWhenTheFeedStopped(run.sent(), from.toEpochMilli());

    long fromMs = from.toEpochMilli();
    long untilMs = until.toEpochMilli();
    long flagged = Long.MAX_VALUE;
    long cleared = Long.MAX_VALUE;
    long silentAtFull = -1;
    long onDutyAtFull = -1;
    long limit = JobSettings.defaults().fleet().silenceLimit().toMillis();
    // Past the simulated span every feed ends, and is rightly counted silent.
    long end = start.plus(settings.duration()).toEpochMilli();
    for (InfluxPoint p : london) {
      long t = p.timeMillis();
      if (t >= end) {
        break;
      }
      boolean outage = p.fields().get(FleetFeed.OUTAGE).equals(1L);
      long silent = (Long) p.fields().get(FleetFeed.SILENT);
      long onDuty = (Long) p.fields().get(FleetFeed.ON_DUTY);
      if (t < fromMs) {
        assertThat(outage).as("no outage before the window: %s", p).isFalse();
      } else if (t < untilMs) {
        if (outage && flagged == Long.MAX_VALUE) {
          flagged = t;
        }
        if (flagged != Long.MAX_VALUE) {
          assertThat(outage).as("the outage holds until the window ends: %s", p).isTrue();
        }
        if (silentAtFull < 0 && t >= fromMs + limit + MINUTE) {
          // Every vehicle was last heard under 30 s before the window, silent 2 min after that.
          silentAtFull = silent;
          onDutyAtFull = onDuty;
        }
      } else {
        if (!outage && cleared == Long.MAX_VALUE) {
          cleared = t;
        }
        if (cleared != Long.MAX_VALUE) {
          assertThat(outage).as("no outage once cleared: %s", p).isFalse();
        }
      }
    }
    System.out.printf(
        "SimulatorFleetTest: %d records, simulate+produce %.1f s, job %.1f s; outage %s-%s"
            + " flagged after %.2f min, cleared %.2f min after its end; %d of %d on duty silent"
            + " (%d on duty when the feed stopped)%n",
        run.records(),
        run.simulateS(),
        run.jobS(),
        from,
        until,
        (flagged - fromMs) / 60_000.0,
        (cleared - untilMs) / 60_000.0,
        silentAtFull,
        onDutyAtFull,
        onDutyBefore);
    assertThat(flagged - fromMs).as("detection delay, ms").isLessThanOrEqualTo(4 * MINUTE);
    assertThat(cleared - untilMs).as("clearance delay, ms").isLessThanOrEqualTo(2 * MINUTE);
    assertThat(onDutyBefore).as("a Monday morning's fleet on duty").isGreaterThan(200);
    assertThat(silentAtFull).as("every on-duty vehicle silent").isEqualTo(onDutyBefore);
    assertThat(onDutyAtFull).isEqualTo(onDutyBefore);
  }

  /** Vehicles whose last position before {@code t} says they are on duty. */
  private static long onDutyWhenTheFeedStopped(List<ProducerRecord<byte[], byte[]>> sent, long t)
      throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    Map<String, VehiclePosition> last = new HashMap<>();
    for (ProducerRecord<byte[], byte[]> r : sent) {
      if (!r.topic().endsWith(Topics.AVL_POSITIONS)) {
        continue;
      }
      VehiclePosition p = json.readValue(r.value(), VehiclePosition.class);
      if (p.timeMillis() < t) {
        last.merge(p.vehicleId(), p, (a, b) -> b.timeMillis() >= a.timeMillis() ? b : a);
      }
    }
    return last.values().stream().filter(p -> p.status() != VehicleStatus.OFF_DUTY).count();
  }
}
