package uk.ambulance.ops.jobs.sink.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BacklogHoldTest {
  private static final long MIN = 60_000;
  private static final long NOW = 1_764_700_000_000L;

  private final BacklogHold hold = new BacklogHold(Duration.ofMinutes(5), Duration.ofMinutes(3));

  @Test
  void aLiveAlertIsToldAtOnce() {
    hold.started("a", NOW - 20_000, NOW);
    assertThat(hold.holding()).isFalse();
    assertThat(hold.deliverable("a", NOW)).isTrue();
  }

  @Test
  void anAlertFromTheBacklogWaitsUntilTheJobHasCaughtUp() {
    hold.watermark(NOW - 50 * MIN);
    hold.started("a", NOW - 50 * MIN, NOW);
    assertThat(hold.deliverable("a", NOW + 1_000)).isFalse();

    hold.watermark(NOW - 4 * MIN);
    assertThat(hold.deliverable("a", NOW + 2_000)).isTrue();
    assertThat(hold.holding()).as("released for good").isFalse();
  }

  @Test
  void beforeAnyWatermarkTheJobHasNotCaughtUp() {
    hold.started("a", NOW - 50 * MIN, NOW);
    assertThat(hold.caughtUp(NOW)).isFalse();
    assertThat(hold.deliverable("a", NOW + 1_000)).isFalse();
  }

  @Test
  void anAlertRaisedAndClearedInTheBacklogIsNeverTold() {
    hold.started("a", NOW - 50 * MIN, NOW);
    assertThat(hold.dropResolved("a")).isTrue();
    assertThat(hold.holding()).isFalse();
    // A live alert's resolve, or one already told, must reach Alertmanager.
    hold.started("b", NOW - 10_000, NOW);
    assertThat(hold.dropResolved("b")).isFalse();
  }

  @Test
  void aStalledWatermarkHoldsAPageNoLongerThanTheMaximum() {
    hold.watermark(NOW - 50 * MIN);
    hold.started("a", NOW - 50 * MIN, NOW);
    assertThat(hold.nextRelease()).isEqualTo(NOW + 3 * MIN);
    assertThat(hold.deliverable("a", NOW + 3 * MIN - 1)).isFalse();
    assertThat(hold.deliverable("a", NOW + 3 * MIN)).isTrue();
    assertThat(hold.nextRelease()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void withNoHoldEvenABacklogAlertIsToldAndItsResolveToo() {
    BacklogHold off = new BacklogHold(BacklogHold.STALE, Duration.ZERO);
    off.started("a", NOW - 50 * MIN, NOW);
    assertThat(off.holding()).isFalse();
    assertThat(off.deliverable("a", NOW)).isTrue();
    assertThat(off.dropResolved("a")).as("its resolve must be told").isFalse();
  }
}
