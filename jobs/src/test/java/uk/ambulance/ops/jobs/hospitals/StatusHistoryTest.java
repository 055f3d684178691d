package uk.ambulance.ops.jobs.hospitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.HospitalStatus;

class StatusHistoryTest {
  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_775_469_600_000L;

  @Test
  void theStatusInForceAndTheOnesStillNeededAreThoseAPlainScanFinds() {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      List<HospitalStatus> history = null;
      int statuses = random.nextInt(12);
      for (int i = 0; i < statuses; i++) {
        // Every 15 minutes or so, some at the same instant, added out of order.
        long time = T0 + random.nextInt(8) * 15 * 60_000L;
        history = StatusHistory.with(history, status("s" + i, time));
      }
      for (int probe = 0; probe < 20; probe++) {
        // Often exactly on a status's time, or an hour after one: the edges of both look-ups.
        long t =
            random.nextBoolean()
                ? T0 + random.nextInt(8) * 15 * 60_000L + (random.nextBoolean() ? HOUR : 0)
                : T0 - HOUR + (long) (random.nextDouble() * 4 * HOUR);
        assertThat(StatusHistory.inForceAt(history, t)).isSameAs(scanInForce(history, t));
        if (history != null) {
          HospitalStatus hourAgo = scanInForce(history, t - HOUR);
          List<HospitalStatus> needed = new ArrayList<>();
          for (HospitalStatus s : history) {
            if (s == hourAgo || s.timeMillis() > t - HOUR) {
              needed.add(s);
            }
          }
          assertThat(StatusHistory.neededAt(history, t)).containsExactlyElementsOf(needed);
        }
      }
    }
  }

  @Test
  void arrivalsOnDivertAreTheCrewsWhoseStatusOnArrivalWasDivert() {
    Random random = new Random(12);
    for (int round = 0; round < 500; round++) {
      List<HospitalStatus> history = null;
      for (int i = 0; i < random.nextInt(12); i++) {
        long time = T0 + random.nextInt(12) * 15 * 60_000L;
        history = StatusHistory.with(history, status("s" + i, time, random.nextInt(4) == 0));
      }
      List<HandoverRecord> stays = new ArrayList<>();
      for (int i = 0; i < random.nextInt(20); i++) {
        long arrived = T0 + (long) (random.nextDouble() * 3 * HOUR);
        stays.add(new HandoverRecord("c" + i, "H1", arrived, HandoverRecord.OPEN, false));
      }
      long t = T0 + (long) (random.nextDouble() * 4 * HOUR);
      long expected = 0;
      for (HandoverRecord s : stays) {
        HospitalStatus then = scanInForce(history, s.arrivedMs());
        if (s.arrivedMs() > t - HOUR && s.arrivedMs() <= t && then != null && then.divert()) {
          expected++;
        }
      }
      assertThat(StatusHistory.arrivalsOnDivert(t, stays, history)).isEqualTo(expected);
    }
  }

  /** The last status at or before {@code t}, in the history's order. */
  private static HospitalStatus scanInForce(List<HospitalStatus> history, long t) {
    HospitalStatus found = null;
    for (HospitalStatus s : history == null ? List.<HospitalStatus>of() : history) {
      if (s.timeMillis() <= t) {
        found = s;
      }
    }
    return found;
  }

  private static HospitalStatus status(String id, long t) {
    return status(id, t, false);
  }

  private static HospitalStatus status(String id, long t, boolean divert) {
    return new HospitalStatus(
        id, "H1", Instant.ofEpochMilli(t), "St Elsewhere", 51.5, -0.1, 90, 10, 2, divert);
  }
}
