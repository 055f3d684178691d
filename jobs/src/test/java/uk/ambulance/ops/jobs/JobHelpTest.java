package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ambulance.ops.jobs.cli.JobCommandLine;

/**
 * The job's command line without a cluster: {@code --help} prints every option the parser reads and
 * jobs/README.md shows exactly that text; every bad value is one line and exit code 2.
 */
class JobHelpTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern OPTION = Pattern.compile("(?m)^\\s{2,}(--[a-z0-9-]+)");

  record Outcome(int code, String out, String err) {}

  private static Outcome launch(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Launcher.withoutFlink(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpNamesEveryOptionTheParserReadsAndNoOther() {
    Set<String> inHelp = new TreeSet<>();
    Matcher m = OPTION.matcher(JobCommandLine.help());
    while (m.find()) {
      inHelp.add(m.group(1));
    }
    assertThat(inHelp).isEqualTo(JobCommandLine.optionNames());
  }

  @Test
  void theReadmeListsTheOptionsAsHelpPrintsThem() throws Exception {
    String readme = Files.readString(README);
    assertThat(readme)
        .as("jobs/README.md must hold the --help text verbatim in a code block")
        .contains("```\n" + JobCommandLine.help() + "```\n");
  }

  @Test
  void helpWorksWithoutACluster() {
    Outcome o = launch("--help");
    assertThat(o.code()).isZero();
    assertThat(o.out()).isEqualTo(JobCommandLine.help());
  }

  @Test
  void validArgumentsWithoutAClusterSayWhereToRunThem() {
    Outcome o = launch("--bootstrap-servers", "kafka:9092", "--influx-url", "http://influx:8086");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().lines()).singleElement().asString().contains("flink run -c");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--bootstrap-servers k:9092 --influx-url notaurl",
        "--bootstrap-servers k:9092 --influx-url ftp://influx:8086",
        "--bootstrap-servers k:9092 --influx-url http://",
        "--bootstrap-servers k --influx-url http://influx:8086",
        "--bootstrap-servers k:99999 --influx-url http://influx:8086",
        "--influx-url http://influx:8086",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --tick-s ten",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --tick-s -5",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --tick-s 0",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --alert-backlog-hold-s -1",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --hotspot-score x",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --centile mode",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --region 1,2",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --clock-start-cap-s C9=1",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --influx-api v3",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --influx-api v2",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --wat 1",
        "--bootstrap-servers k:9092 --influx-url http://influx:8086 --tick-s",
        "stray"
      })
  void everyBadValueIsOneLineAndExitTwo(String line) {
    Outcome o = launch(line.split(" "));
    assertThat(o.code()).as(line).isEqualTo(2);
    assertThat(o.err().lines())
        .as(o.err())
        .singleElement()
        .asString()
        .startsWith("ops-analytics: ");
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
