package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;

/** The subcommands and the overview help. */
public final class Commands {
  private Commands() {}

  public static String overview() {
    return """
        usage: generators <command> [options]   (each command has --help)

        commands:
          simulate   simulate the London Ambulance Service to NDJSON files or to Kafka
          replay     publish NDJSON stream files to Kafka at the original pace, faster, or max
          import     turn a CSV export (one row per incident or per unit) into cad.incidents
          benchmark  simulate a London day to files and print records per second
          topics     create the system's Kafka topics if they are absent
        """;
  }

  public static int run(String command, String[] args, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    return switch (command) {
      case "simulate" -> SimulateCommand.run(args, out, err);
      case "replay" -> ReplayCommand.run(args, out, err);
      case "import" -> ImportCommand.run(args, out, err);
      case "benchmark" -> BenchmarkCommand.run(args, out, err);
      case "topics" -> TopicsCommand.run(args, out, err);
      default -> throw unknown(command);
    };
  }

  /**
   * Checks a command line as {@link #run} would read it, without running anything; throws the same
   * {@link UsageException} for a mistake. For the commands deployments start ({@code simulate},
   * {@code topics}), so that a deployment file can be tested against this parser.
   */
  public static void check(String... commandLine) throws UsageException {
    if (commandLine.length == 0) {
      throw new UsageException("no command");
    }
    String[] args = java.util.Arrays.copyOfRange(commandLine, 1, commandLine.length);
    switch (commandLine[0]) {
      case "simulate" -> SimulateCommand.plan(args);
      case "topics" -> TopicsCommand.plan(args);
      default -> throw unknown(commandLine[0]);
    }
  }

  private static UsageException unknown(String command) {
    return new UsageException(
        "unknown command '" + command + "'; try simulate, replay, import, benchmark or topics");
  }
}
