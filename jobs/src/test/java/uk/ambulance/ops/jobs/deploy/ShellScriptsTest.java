package uk.ambulance.ops.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every shell script of the project passes {@code shellcheck} (Debian's package; {@code .ci/run}
 * installs it): the local stack is shell, and shell hides its mistakes until the night they run. A
 * deliberate exception carries a {@code # shellcheck disable=} line that says why.
 */
class ShellScriptsTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyScriptPassesShellcheck() throws Exception {
    List<String> command = new ArrayList<>(List.of(shellcheck(), "-x"));
    List<Path> scripts = scripts();
    assertThat(scripts).contains(REPO.resolve("deploy/local/stack"), REPO.resolve(".ci/run"));
    scripts.forEach(s -> command.add(REPO.relativize(s).toString()));
    Process p =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(report).isEmpty();
    assertThat(p.exitValue()).isZero();
  }

  /** The stack, its libraries, CI's entry point and every *.sh outside build output. */
  private static List<Path> scripts() throws IOException {
    List<Path> scripts =
        new ArrayList<>(List.of(REPO.resolve("deploy/local/stack"), REPO.resolve(".ci/run")));
    try (Stream<Path> files = Files.walk(REPO)) {
      files
          .filter(f -> f.toString().endsWith(".sh"))
          .filter(
              f ->
                  !REPO.relativize(f).toString().matches("(.*/)?(target|\\.stack|node_modules)/.*"))
          .sorted()
          .forEach(scripts::add);
    }
    return scripts;
  }

  private static String shellcheck() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "shellcheck"))) {
        return Path.of(dir, "shellcheck").toString();
      }
    }
    String how = "apt-get install -y --no-install-recommends shellcheck";
    if (System.getenv("CI") != null) {
      throw new IllegalStateException(
          "shellcheck is missing on CI; .ci/run installs it (" + how + ")");
    }
    Assumptions.abort("shellcheck is not installed; install it with: " + how);
    return null;
  }
}
