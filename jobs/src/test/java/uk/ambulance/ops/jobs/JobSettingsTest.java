package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {
  private static JobSettings parse(String... extra) {
    String[] base = {"--bootstrap-servers", "k:9092", "--influx-url", "http://i:8086"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return JobSettings.parse(all);
  }

  @Test
  void allowedLatenessMustBeAWholeNumberOfTicks() {
    assertThat(parse("--tick-s", "5", "--allowed-lateness-s", "600").allowedLateness())
        .isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(() -> parse("--tick-s", "7", "--allowed-lateness-s", "600"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--allowed-lateness-s must be a whole number of --tick-s (7 s), got 600");
  }

  @Test
  void liveIsPublishedWithinSecondsAndReplayKeepsCoarseExactTicks() {
    JobSettings live = parse();
    assertThat(live.outOfOrderness()).isEqualTo(Duration.ofSeconds(2));
    assertThat(live.waitingTick()).isEqualTo(Duration.ofSeconds(1));
    assertThat(live.tick()).isEqualTo(Duration.ofSeconds(10));

    JobSettings replay = parse("--replay", "--tick-s", "20");
    assertThat(replay.outOfOrderness()).isEqualTo(Duration.ofSeconds(30));
    assertThat(replay.waitingTick()).isEqualTo(Duration.ofSeconds(20));

    assertThat(parse("--out-of-orderness-s", "15", "--waiting-tick-s", "5").waitingTick())
        .isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> parse("--waiting-tick-s", "7", "--allowed-lateness-s", "600"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--allowed-lateness-s must be a whole number of --waiting-tick-s (7 s), got 600");
  }
}
