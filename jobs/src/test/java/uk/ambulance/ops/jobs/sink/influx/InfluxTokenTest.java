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
import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.jobs.JobSettings;

/** The v2 token comes from the environment or a file and never shows in logs or errors. */
class InfluxTokenTest {
  private static final String SECRET = "Zq9-tOkEn_value==";

  @Test
  void noTokenVariablesMeansNoToken() {
    assertThat(InfluxToken.fromEnvironment(Map.of())).isEmpty();
  }

  @Test
  void tokenFromVariable() {
    assertThat(InfluxToken.fromEnvironment(Map.of("INFLUX_TOKEN", SECRET)))
        .contains(new InfluxToken(SECRET));
  }

  @Test
  void tokenFromFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), SECRET + "\r\n");

    assertThat(InfluxToken.fromEnvironment(Map.of("INFLUX_TOKEN_FILE", file.toString())))
        .contains(new InfluxToken(SECRET));
  }

  @Test
  void bothSourcesOrAnEmptyFileOrAMissingFileAreMisconfigurations(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("token"), SECRET);
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(
            () ->
                InfluxToken.fromEnvironment(
                    Map.of("INFLUX_TOKEN", SECRET, "INFLUX_TOKEN_FILE", file.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(
            () -> InfluxToken.fromEnvironment(Map.of("INFLUX_TOKEN_FILE", empty.toString())))
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                InfluxToken.fromEnvironment(
                    Map.of("INFLUX_TOKEN_FILE", dir.resolve("absent").toString())))
        .hasMessageContaining("INFLUX_TOKEN_FILE");
  }

  @Test
  void tokenNeverAppearsInToStringOrErrorMessages() {
    InfluxToken token = new InfluxToken(SECRET);
    InfluxConnectionOptions options =
        new InfluxConnectionOptions(
            InfluxApiVersion.V2,
            URI.create("http://localhost:8086"),
            "ops",
            null,
            "las",
            null,
            token,
            Duration.ofSeconds(1),
            false);
    InfluxWriteException answer =
        new InfluxWriteException(
            "a write of",
            options,
            401,
            "{\"code\":\"unauthorized\",\"message\":\"bad token " + SECRET + "\"}");

    assertThat(token.toString()).doesNotContain(SECRET);
    assertThat(options.toString()).contains("api=v2").contains("las").doesNotContain(SECRET);
    assertThat(answer.getMessage()).contains("401").contains("\"ops\"").doesNotContain(SECRET);
    assertThat(answer.body()).doesNotContain(SECRET);
    assertThat(
            InfluxDbSink.builder()
                .setApiVersion(InfluxApiVersion.V2)
                .setUrl("http://localhost:8086")
                .setOrganization("las")
                .setBucket("ops")
                .setToken(SECRET)
                .build()
                .options()
                .toString())
        .doesNotContain(SECRET);
  }

  @Test
  void usernameAndTokenTogetherAreRefused() {
    assertThatThrownBy(
            () ->
                InfluxDbSink.builder()
                    .setUrl("http://localhost:8086")
                    .setDatabase("ops")
                    .setCredentials("ops", SECRET)
                    .setToken(SECRET)
                    .build())
        .hasMessageContaining("not both")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void jobSettingsChooseTheApiAndNeedAnOrganisationForV2() {
    JobSettings v2 =
        JobSettings.parse(
            "--bootstrap-servers", "k:9092",
            "--influx-url", "http://influxdb:8086",
            "--influx-api", "v2",
            "--influx-org", "las",
            "--influx-bucket", "ops");
    assertThat(v2.influxApi()).isEqualTo(InfluxApiVersion.V2);
    assertThat(v2.influxOrg()).isEqualTo("las");
    assertThat(v2.influxDatabase()).isEqualTo("ops");
    assertThat(JobSettings.defaults().influxApi()).isEqualTo(InfluxApiVersion.V1);

    assertThatThrownBy(
            () ->
                JobSettings.parse(
                    "--bootstrap-servers", "k:9092",
                    "--influx-url", "http://influxdb:8086",
                    "--influx-api", "v2"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--influx-org");
    assertThatThrownBy(
            () ->
                JobSettings.parse(
                    "--bootstrap-servers", "k:9092",
                    "--influx-url", "http://influxdb:8086",
                    "--influx-api", "v3"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("v1 or v2");
  }
}
