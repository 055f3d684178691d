package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

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
        .isInstanceOf(ParameterException.class)
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
        .isInstanceOf(ParameterException.class)
        .hasMessage(
            "--allowed-lateness-s must be a whole number of --waiting-tick-s (7 s), got 600");
  }

  /** Hourly, daily and monthly windows end on a tick, so a tick divides an hour. */
  @Test
  void theTickDividesAnHour() {
    assertThat(parse("--tick-s", "15", "--allowed-lateness-s", "600").tick())
        .isEqualTo(Duration.ofSeconds(15));
    assertThatThrownBy(() -> parse("--tick-s", "7", "--allowed-lateness-s", "700"))
        .isInstanceOf(ParameterException.class)
        .hasMessage("--tick-s must divide an hour (3600 s), got 7");
  }

  /** A vehicle is silent before it is forgotten: a usage error, not an operator's exception. */
  @Test
  void aVehicleIsForgottenOnlyAfterItFallsSilent() {
    assertThatThrownBy(() -> parse("--avl-silence-s", "300", "--avl-forget-s", "300"))
        .isInstanceOf(ParameterException.class)
        .hasMessage("--avl-forget-s must be longer than --avl-silence-s");
  }
}
