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
        """;
  }

  public static int run(String command, String[] args, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    return switch (command) {
      case "simulate" -> SimulateCommand.run(args, out, err);
      case "replay" -> ReplayCommand.run(args, out, err);
      case "import" -> ImportCommand.run(args, out, err);
      case "benchmark" -> BenchmarkCommand.run(args, out, err);
      default ->
          throw new UsageException(
              "unknown command '" + command + "'; try simulate, replay, import or benchmark");
    };
  }
}
