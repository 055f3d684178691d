package uk.ambulance.ops.generators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.generators.cli.Commands;

/**
 * generators/README.md shows every command's {@code --help} verbatim, so the options it lists are
 * the declared ones and no other: the text is printed from the declarations.
 */
class CliHelpTest {
  private static final Path README = Path.of("README.md");

  @Test
  void theReadmeShowsTheOverviewAsItIsPrinted() throws Exception {
    assertThat(Files.readString(README))
        .contains("<!-- generated: generators --help -->\n```\n" + Commands.overview() + "```\n");
  }

  @Test
  void theReadmeShowsEveryCommandsHelpAsItIsPrinted() throws Exception {
    String readme = Files.readString(README);
    assertThat(Commands.names())
        .containsExactly("simulate", "replay", "import", "benchmark", "topics");
    for (String command : Commands.names()) {
      assertThat(readme)
          .as("generators/README.md must hold 'generators %s --help' verbatim", command)
          .contains(
              "<!-- generated: generators "
                  + command
                  + " --help -->\n```\n"
                  + Commands.help(command)
                  + "```\n");
    }
  }
}
