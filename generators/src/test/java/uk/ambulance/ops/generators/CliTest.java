package uk.ambulance.ops.generators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: help, one-line errors with a non-zero exit, byte-identical reruns. */
public class CliTest {
  public record Outcome(int code, String out, String err) {}

  public static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"simulate", "replay", "import", "benchmark", "topics"})
  void everyCommandHasHelp(String command) {
    Outcome o = run(command, "--help");
    assertThat(o.code()).isZero();
    assertThat(o.out()).startsWith("usage: generators " + command).contains("--help");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "simulate --out x --days zero",
        "simulate --out x --bootstrap y",
        "simulate",
        "simulate --out x --wat",
        "simulate --out x --ed-closed NOWHERE",
        "simulate --out x --major-incident tomorrow",
        "simulate --out x --malformed 2",
        "simulate --bootstrap 127.0.0.1:1 --wall-clock --speed 2",
        "simulate --bootstrap 127.0.0.1:1 --warm-up 6h",
        "simulate --bootstrap 127.0.0.1:1 --avl-history -PT1H",
        "simulate --out x --start today",
        "simulate --out x --avl-history PT1H",
        "topics",
        "topics --bootstrap 127.0.0.1:1 --partitions 0",
        "replay --in x",
        "import --csv nothing.csv --mapping sf-fire-calls --out x",
        "simulate --bootstrap 127.0.0.1:1 --kafka-properties /nonexistent/client.properties",
        "replay --in x --bootstrap 127.0.0.1:1 --kafka-properties /nonexistent/client.properties",
        "simulate --out x --kafka-properties client.properties",
        "simulate --bootstrap 127.0.0.1:1 --delivery-timeout-s 0",
        "frobnicate"
      })
  void badArgumentsGiveOneLineAndANonZeroExit(String line) {
    Outcome o = run(line.split(" "));
    assertThat(o.code()).isEqualTo(Cli.USAGE);
    assertThat(o.err().lines().count()).as(o.err()).isEqualTo(1);
    assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "security.protocol=SASL_NOPE",
        "acks=1",
        "delivery.timeout.ms=1000",
        "bootstrap.servers=elsewhere:9092"
      })
  void aKafkaPropertiesFileThatCannotWorkIsOneLine(String line, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, line + "\n");
    Outcome o =
        run(
            "simulate",
            "--bootstrap",
            "127.0.0.1:1",
            "--kafka-properties",
            file.toString(),
            "--quiet");
    assertThat(o.code()).as(o.err()).isEqualTo(Cli.USAGE);
    assertThat(o.err().lines().count()).as(o.err()).isEqualTo(1);
    assertThat(o.err())
        .contains(line.substring(0, line.indexOf('=')))
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void theSameSeedGivesByteIdenticalFiles(@TempDir Path dir) throws Exception {
    String[] args = {
      "--hours",
      "3",
      "--seed",
      "7",
      "--quiet",
      "--duplicates",
      "0.01",
      "--out-of-order",
      "0.01",
      "--malformed",
      "0.01"
    };
    assertThat(
            run(concat(new String[] {"simulate", "--out", dir.resolve("a").toString()}, args))
                .code())
        .isZero();
    assertThat(
            run(concat(new String[] {"simulate", "--out", dir.resolve("b").toString()}, args))
                .code())
        .isZero();
    for (String file :
        new String[] {
          "cad.incidents.ndjson",
          "avl.positions.ndjson",
          "hospital.status.ndjson",
          "ground-truth.ndjson"
        }) {
      byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
      assertThat(a)
          .as(file)
          .isNotEmpty()
          .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
    }
    String[] otherSeed = args.clone();
    otherSeed[3] = "8";
    run(concat(new String[] {"simulate", "--out", dir.resolve("c").toString()}, otherSeed));
    assertThat(Files.readAllBytes(dir.resolve("c").resolve("cad.incidents.ndjson")))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("a").resolve("cad.incidents.ndjson")));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
