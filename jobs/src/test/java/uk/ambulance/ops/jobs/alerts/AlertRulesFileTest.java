package uk.ambulance.ops.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.jobs.JobSettings;

/** The rules file: the shipped one loads, a replacement is read, a bad one is refused in a line. */
class AlertRulesFileTest {
  private static final String GOOD =
      """
      {"name": "X", "measurement": "m", "field": "f", "scope": ["area"], "severity": "warning",
       "when": "above", "raise": 10, "clear": 5, "for": "2m", "summary": "s", "runbook": "r"}
      """;

  @TempDir Path dir;

  @Test
  void theShippedRulesLoadAndNameEveryFigureOnce() {
    var rules = JobSettings.defaults().alerts().rules();
    assertThat(rules).extracting(AlertRule::name).doesNotHaveDuplicates().contains("MajorIncident");
    assertThat(JobSettings.defaults().alerts().alertmanagerUrl()).isNull();
  }

  @Test
  void aReplacementFileIsRead() throws Exception {
    Path file = write("{\"rules\": [" + GOOD + "]}");
    JobSettings settings = parse("--alert-rules", file.toString());
    assertThat(settings.alerts().rules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.hold().toMinutes()).isEqualTo(2);
              assertThat(r.clear().number()).isEqualTo(5);
            });
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("{\"rules\": [", "not valid JSON"),
        Arguments.of("{\"rules\": []}", "no rules"),
        Arguments.of("{\"rules\": [{}]}", "rule #1: 'name' is required"),
        Arguments.of(
            good("\"clear\": 5", "\"clear\": 20"), "rule X: clear must be on the safe side"),
        Arguments.of(
            good("\"2m\"", "\"2 minutes\""), "for and clearFor must look like 90s, 5m or 1h"),
        Arguments.of(good("\"warning\"", "\"urgent\""), "severity must be one of"),
        Arguments.of(good("\"raise\": 10", "\"raise\": \"lots\""), "neither a number nor"),
        Arguments.of(good("\"runbook\"", "\"runbok\""), "unknown key 'runbok'"));
  }

  private static String good(String from, String to) {
    assertThat(GOOD).contains(from);
    return "{\"rules\": [" + GOOD.replace(from, to) + "]}";
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void aBadFileIsRefusedWithOneLineNamingTheRule(String json, String reason) throws Exception {
    Path file = write(json);
    assertThatThrownBy(() -> parse("--alert-rules", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("--alert-rules " + file)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingFileAndABadUrlAreRefused() {
    assertThatThrownBy(() -> parse("--alert-rules", dir.resolve("none.json").toString()))
        .hasMessageContaining("cannot read");
    assertThatThrownBy(() -> parse("--alertmanager-url", "localhost:9093"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--alertmanager-url must be an http(s) URL");
  }

  private Path write(String json) throws Exception {
    Path file = dir.resolve("rules-" + System.nanoTime() + ".json");
    Files.writeString(file, json);
    return file;
  }

  private static JobSettings parse(String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "--bootstrap-servers";
    args[1] = "k:1";
    args[2] = "--influx-url";
    args[3] = "http://i";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return JobSettings.parse(args);
  }
}
