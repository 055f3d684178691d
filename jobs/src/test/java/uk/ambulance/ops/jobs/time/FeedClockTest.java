package uk.ambulance.ops.jobs.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedClockTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final Duration IDLE = Duration.ofSeconds(30);
  private static final long WALL = 1_780_000_000_000L;

  @Test
  void whileRecordsFlowTheWatermarkTrailsTheNewestEventByTheBound() {
    FeedClock clock = FeedClock.live(BOUND, IDLE, WALL);
    clock.onEvent(WALL - 5_000, WALL);
    clock.onEvent(WALL - 9_000, WALL); // older: changes nothing
    assertThat(clock.watermark(WALL)).isEqualTo(WALL - 5_000 - 30_000 - 1);
  }

  @Test
  void liveQuietPartitionRunsOnWithTheWallClockAndNeverPassesIt() {
    FeedClock clock = FeedClock.live(BOUND, IDLE, WALL);
    clock.onEvent(WALL, WALL);
    assertThat(clock.watermark(WALL + 60_000)).isEqualTo(WALL + 60_000 - 30_000 - 1);
    // Events stamped ahead of the wall clock wait for it.
    clock.onEvent(WALL + 600_000, WALL + 60_000);
    assertThat(clock.watermark(WALL + 61_000)).isEqualTo(WALL + 61_000 - 30_000 - 1);
  }

  @Test
  void pastDataReplayedLiveRunsOnAtWallRateFromItsNewestEvent() {
    long past = WALL - 90 * 86_400_000L;
    FeedClock clock = FeedClock.live(BOUND, IDLE, WALL);
    clock.onEvent(past, WALL);
    assertThat(clock.watermark(WALL + 120_000)).isEqualTo(past + 120_000 - 30_000 - 1);
  }

  @Test
  void liveWatermarkNeverGoesBack() {
    FeedClock clock = FeedClock.live(BOUND, IDLE, WALL);
    clock.onEvent(WALL - 100_000, WALL);
    long quietAdvance = clock.watermark(WALL + 50_000);
    clock.onEvent(WALL - 99_000, WALL + 50_000); // newer, but behind the quiet advance
    assertThat(clock.watermark(WALL + 50_000)).isEqualTo(quietAdvance);
  }

  @Test
  void livePartitionThatNeverSpokeHoldsTimeBackOnlyForTheIdlenessPeriod() {
    FeedClock clock = FeedClock.live(BOUND, IDLE, WALL);
    assertThat(clock.state(WALL + 29_999)).isEqualTo(FeedClock.State.ACTIVE);
    assertThat(clock.watermark(WALL + 29_999)).isEqualTo(FeedClock.NONE);
    assertThat(clock.state(WALL + 30_000)).isEqualTo(FeedClock.State.IDLE);
    clock.onEvent(WALL, WALL + 40_000);
    assertThat(clock.state(WALL + 10 * 3_600_000L)).isEqualTo(FeedClock.State.ACTIVE);
  }

  @Test
  void replayIgnoresTheWallClock() {
    FeedClock clock = FeedClock.replay(BOUND);
    assertThat(clock.state(WALL + 86_400_000L)).isEqualTo(FeedClock.State.ACTIVE);
    assertThat(clock.watermark(WALL)).isEqualTo(FeedClock.NONE);
    clock.onEvent(WALL - 86_400_000L, WALL);
    assertThat(clock.watermark(WALL + 3_600_000L)).isEqualTo(WALL - 86_400_000L - 30_000 - 1);
  }
}
