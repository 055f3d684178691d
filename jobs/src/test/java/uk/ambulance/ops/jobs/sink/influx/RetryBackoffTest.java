package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  @Test
  void doublesFromInitialUpToTheCapAndStaysThere() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      delays.add(backoff.nextDelay().toMillis());
    }

    assertThat(delays)
        .containsExactly(
            100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L, 30000L);
  }

  @Test
  void manyFailuresDoNotOverflowPastTheCap() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    for (int i = 0; i < 10_000; i++) {
      backoff.nextDelay();
    }

    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void successStartsOverFromTheInitialDelay() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    backoff.nextDelay();
    backoff.nextDelay();
    backoff.reset();

    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofMillis(100));
  }
}
