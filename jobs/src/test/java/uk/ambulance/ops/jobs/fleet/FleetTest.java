package uk.ambulance.ops.jobs.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.geo.London;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * The two fleet operators chained in harnesses: 40 vehicles reporting every 30 s with random status
 * changes, some going off duty, and a feed outage in one area. Every count, silent count, outage
 * flag and utilisation figure must equal a plain replay of the positions as of each tick.
 */
class FleetTest {
  private static final long TICK = 10_000;
  private static final long MINUTE = 60_000;
  private static final long HOUR = 3_600_000;
  private static final long T0 = Instant.parse("2026-04-06T10:00:00Z").toEpochMilli();
  private static final FleetSettings SETTINGS =
      new FleetSettings(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(30), 0.5);
  private static final long SILENCE = 2 * MINUTE;
  private static final long FORGET = 30 * MINUTE;

  /** Two places: Croydon (SW) and Hackney (NE). */
  private static final double[][] PLACES = {{51.372, -0.099}, {51.545, -0.055}};

  private static final VehicleStatus[] ON_DUTY = {
    VehicleStatus.AVAILABLE,
    VehicleStatus.ASSIGNED,
    VehicleStatus.ON_SCENE,
    VehicleStatus.CONVEYING,
    VehicleStatus.AT_HOSPITAL
  };

  @Test
  void countsSilenceOutageAndUtilisationEqualAPlainReplay() throws Exception {
    Random random = new Random(3);
    List<VehiclePosition> positions = new ArrayList<>();
    long end = T0 + 3 * HOUR;
    // The NE feed goes silent for 20 minutes: an outage there, not in SW.
    long outageFrom = T0 + 90 * MINUTE;
    long outageTo = outageFrom + 20 * MINUTE;
    for (int v = 0; v < 40; v++) {
      double[] place = PLACES[v % 2];
      VehicleType type = v % 4 == 3 ? VehicleType.FRU : VehicleType.DCA;
      VehicleStatus status = VehicleStatus.AVAILABLE;
      long offDutyAt = v % 10 == 0 ? T0 + HOUR + v * MINUTE : end;
      for (long t = T0 + random.nextInt(30_000); t < end; t += 30_000) {
        boolean ne = v % 2 == 1;
        if (ne && t >= outageFrom && t < outageTo) {
          continue;
        }
        if (t >= offDutyAt + 5 * MINUTE) {
          break; // off duty and then quiet: forgotten after FORGET
        }
        if (t >= offDutyAt) {
          status = VehicleStatus.OFF_DUTY;
        } else if (random.nextInt(10) == 0) {
          status = ON_DUTY[random.nextInt(ON_DUTY.length)];
        }
        positions.add(
            new VehiclePosition(
                "e" + v + "@" + t,
                "V" + v,
                Instant.ofEpochMilli(t),
                place[0],
                place[1],
                status,
                type,
                type == VehicleType.DCA,
                null,
                null,
                null,
                null));
      }
    }
    positions.sort((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()));

    KeyedOneInputStreamOperatorTestHarness<String, VehiclePosition, FleetChange> vehicles =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new VehicleTracker(SETTINGS), VehiclePosition::vehicleId, Types.STRING);
    KeyedOneInputStreamOperatorTestHarness<String, FleetChange, InfluxPoint> counts =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new FleetCounts(Duration.ofMillis(TICK), 0.5), FleetChange::area, Types.STRING);
    List<InfluxPoint> points = new ArrayList<>();
    int next = 0;
    for (long wm = T0; wm <= end + FORGET + 2 * HOUR; wm += TICK) {
      while (next < positions.size() && positions.get(next).timeMillis() <= wm + 20_000) {
        VehiclePosition p = positions.get(next++);
        vehicles.processElement(new StreamRecord<>(p, p.timeMillis()));
      }
      vehicles.processWatermark(wm);
      for (FleetChange c : vehicles.extractOutputValues()) {
        counts.processElement(new StreamRecord<>(c, c.timeMs()));
      }
      vehicles.getOutput().clear();
      counts.processWatermark(wm);
      points.addAll(counts.extractOutputValues());
      counts.getOutput().clear();
    }

    Replay replay = new Replay(positions);
    boolean sawOutage = false;
    int checked = 0;
    for (InfluxPoint p : points) {
      long t = p.timeMillis();
      String area = p.tags().get("area");
      Map<String, long[]> expected = replay.at(t, area);
      switch (p.measurement()) {
        case "fleet" -> {
          long[] c =
              expected.getOrDefault(
                  p.tags().get("status") + "|" + p.tags().get("vehicle_type"), new long[2]);
          assertThat(p.fields())
              .as("%s at %s", p.tags(), t)
              .containsEntry("vehicles", c[0])
              .containsEntry("silent", c[1]);
        }
        case "fleet_feed" -> {
          long onDuty = 0;
          long silent = 0;
          for (var e : expected.entrySet()) {
            if (!e.getKey().startsWith("OFF_DUTY")) {
              onDuty += e.getValue()[0];
              silent += e.getValue()[1];
            }
          }
          boolean outage = onDuty > 0 && silent >= 0.5 * onDuty;
          assertThat(p.fields())
              .as("feed %s at %s", area, t)
              .containsEntry("on_duty", onDuty)
              .containsEntry("silent", silent)
              .containsEntry("outage", outage ? 1L : 0L);
          if (area.equals("NE") && outage && t < end) {
            sawOutage = true;
            // Silent 2 min after each vehicle's last report before it, which is up to 30 s early;
            // over once they report again, within 30 s of its end.
            assertThat(t).isBetween(outageFrom - 30_000 + SILENCE, outageTo + 30_000);
          }
          if (area.equals("SW") && t < end) { // at the end every feed stops: an outage too
            assertThat(outage).isFalse();
          }
        }
        case "fleet_utilisation" -> {
          // Vehicle-hours on duty and busy: each tick of the last hour, vehicles times tick.
          double onDutyMs = 0;
          double busyMs = 0;
          for (long s = t - HOUR + TICK; s <= t; s += TICK) {
            for (var e : replay.at(s, area).entrySet()) {
              if (!e.getKey().startsWith("OFF_DUTY")) {
                onDutyMs += e.getValue()[0] * TICK;
                if (!e.getKey().startsWith("AVAILABLE")) {
                  busyMs += e.getValue()[0] * TICK;
                }
              }
            }
          }
          checked++;
          assertThat((Double) p.fields().get("on_duty_hours"))
              .isCloseTo(onDutyMs / HOUR, within(1e-9));
          assertThat((Double) p.fields().get("busy_hours")).isCloseTo(busyMs / HOUR, within(1e-9));
        }
        default -> throw new AssertionError(p.measurement());
      }
    }
    assertThat(sawOutage).as("the NE outage was flagged").isTrue();
    assertThat(checked).isGreaterThan(1000);
    assertThat(vehicles.numKeyedStateEntries()).isZero();
    assertThat(vehicles.numEventTimeTimers()).isZero();
    assertThat(counts.numKeyedStateEntries()).isZero();
    assertThat(counts.numEventTimeTimers()).isZero();
    vehicles.close();
    counts.close();
  }

  /** Per STATUS|TYPE in the area (or ALL) at t: {vehicles, silent}, from the positions alone. */
  private static final class Replay {
    private final List<VehiclePosition> positions;
    private final Map<Long, Map<String, VehiclePosition>> latestAt = new HashMap<>();

    Replay(List<VehiclePosition> sorted) {
      this.positions = sorted;
    }

    private Map<String, VehiclePosition> latest(long t) {
      return latestAt.computeIfAbsent(
          t,
          at -> {
            Map<String, VehiclePosition> latest = new HashMap<>();
            for (VehiclePosition p : positions) {
              if (p.timeMillis() > at) {
                break;
              }
              latest.put(p.vehicleId(), p);
            }
            return latest;
          });
    }

    private final Map<String, Map<String, long[]>> countsAt = new HashMap<>();

    Map<String, long[]> at(long t, String area) {
      return countsAt.computeIfAbsent(area + "@" + t, k -> count(t, area));
    }

    private Map<String, long[]> count(long t, String area) {
      Map<String, long[]> counts = new HashMap<>();
      for (VehiclePosition p : latest(t).values()) {
        long age = t - p.timeMillis();
        if (age >= FORGET) {
          continue;
        }
        String in = London.areaOf(p.lat(), p.lon()).name();
        if (!area.equals("ALL") && !area.equals(in)) {
          continue;
        }
        boolean silent = p.status() != VehicleStatus.OFF_DUTY && age > SILENCE;
        long[] c = counts.computeIfAbsent(p.status() + "|" + p.vehicleType(), k -> new long[2]);
        c[0]++;
        c[1] += silent ? 1 : 0;
      }
      return counts;
    }
  }
}
