package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxCredentialsTest {
  private static final String SECRET = "s3cr3t-Pa55";

  @Test
  void noUsernameMeansNoAuthentication() {
    assertThat(InfluxCredentials.fromEnvironment(Map.of())).isEmpty();
  }

  @Test
  void passwordFromVariable() {
    assertThat(
            InfluxCredentials.fromEnvironment(
                Map.of("INFLUX_USERNAME", "ops", "INFLUX_PASSWORD", SECRET)))
        .contains(new InfluxCredentials("ops", SECRET));
  }

  @Test
  void passwordFromFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("password"), SECRET + "\n");

    assertThat(
            InfluxCredentials.fromEnvironment(
                Map.of("INFLUX_USERNAME", "ops", "INFLUX_PASSWORD_FILE", file.toString())))
        .contains(new InfluxCredentials("ops", SECRET));
  }

  @Test
  void bothPasswordSourcesAreAMisconfiguration(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("password"), SECRET);

    assertThatThrownBy(
            () ->
                InfluxCredentials.fromEnvironment(
                    Map.of(
                        "INFLUX_USERNAME",
                        "ops",
                        "INFLUX_PASSWORD",
                        SECRET,
                        "INFLUX_PASSWORD_FILE",
                        file.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void usernameWithoutPasswordOrPasswordWithoutUsernameIsRejected() {
    assertThatThrownBy(() -> InfluxCredentials.fromEnvironment(Map.of("INFLUX_USERNAME", "ops")))
        .hasMessageContaining("INFLUX_PASSWORD");
    assertThatThrownBy(() -> InfluxCredentials.fromEnvironment(Map.of("INFLUX_PASSWORD", SECRET)))
        .hasMessageContaining("INFLUX_USERNAME")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void passwordNeverAppearsInToStringOrErrorMessages() {
    InfluxCredentials credentials = new InfluxCredentials("ops", SECRET);
    InfluxConnectionOptions options =
        new InfluxConnectionOptions(
            URI.create("http://localhost:8086"),
            "ops",
            null,
            credentials,
            Duration.ofSeconds(1),
            true);
    InfluxWriteException answer =
        new InfluxWriteException(
            "a write of", options, 401, "{\"error\":\"bad password " + SECRET + "\"}");

    assertThat(credentials.toString()).contains("ops").doesNotContain(SECRET);
    assertThat(options.toString()).doesNotContain(SECRET);
    assertThat(answer.getMessage()).contains("401").contains("\"ops\"").doesNotContain(SECRET);
    assertThat(answer.body()).doesNotContain(SECRET);
  }

  @Test
  void credentialsInTheUrlAreRefusedBecauseUrlsGetLogged() {
    assertThatThrownBy(
            () ->
                InfluxDbSink.builder()
                    .setUrl("http://ops:" + SECRET + "@localhost:8086")
                    .setDatabase("ops")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET);
  }
}
