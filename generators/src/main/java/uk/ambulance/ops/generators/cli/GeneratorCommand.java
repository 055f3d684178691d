package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A subcommand: its options are picocli fields of the subclass, each declared once with its name,
 * type, default, help and range (a range is checked by the option's setter, with {@link #inRange}).
 * A mistake is a {@link ParameterException}, which the CLI prints as one line with exit code 2.
 */
abstract class GeneratorCommand {
  @Spec CommandSpec spec;

  @Option(names = "--help", usageHelp = true, description = "this help")
  boolean help;

  /** Checks what involves several options; nothing runs. */
  void check() {}

  /** Runs the checked command; returns the exit code. */
  abstract int run(PrintStream out, PrintStream err) throws IOException;

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  long inRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw usage(option + " must be a whole number from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  double inRange(String option, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw usage(option + " must be a number from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  /** An ISO-8601 duration ({@code PT6H}) from zero to {@code max}. */
  Duration duration(String option, String value, Duration max) {
    try {
      Duration d = Duration.parse(value.trim());
      if (d.isNegative() || d.compareTo(max) > 0) {
        throw usage(option + " must be a duration from PT0S to " + max + ", got '" + value + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw usage(
          option + " must be an ISO-8601 duration such as PT6H or PT30M, got '" + value + "'");
    }
  }

  /**
   * An instant: ISO-8601 UTC ({@code 2026-04-06T14:00:00Z}), or an ISO duration after {@code base}
   * ({@code PT14H}) so that scenario times can be given relative to the start; {@code fallback}
   * when the option is absent (null).
   */
  Instant instant(String option, String value, Instant fallback, Instant base) {
    if (value == null) {
      return fallback;
    }
    String v = value.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return base.plus(Duration.parse(v));
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw usage(
          option
              + " must be an ISO-8601 instant (2026-04-06T14:00:00Z) or offset (PT14H), got '"
              + value
              + "'");
    }
  }

  /** A speed factor, or {@code max} for as fast as possible (infinity). */
  double speed(String option, String value, double fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.trim().equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return inRange(option, Double.parseDouble(value.trim()), 0.001, 1e9);
    } catch (NumberFormatException e) {
      throw usage(option + " must be a number or max, got '" + value + "'");
    }
  }
}
