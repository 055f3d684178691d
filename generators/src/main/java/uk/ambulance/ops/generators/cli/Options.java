package uk.ambulance.ops.generators.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsed options of one subcommand, with typed getters that fail with a readable reason. */
public final class Options {
  private final String command;
  private final Map<String, String> values;

  private Options(String command, Map<String, String> values) {
    this.command = command;
    this.values = values;
  }

  /** Parses {@code --name value}, {@code --name=value} and flags; rejects anything else. */
  public static Options parse(String command, List<Option> known, String[] args)
      throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException(command + ": unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Option option = find(known, name);
      if (option == null) {
        throw new UsageException(command + ": unknown option --" + name);
      }
      if (option.isFlag()) {
        if (inline != null) {
          throw new UsageException(command + ": --" + name + " takes no value");
        }
        values.put(name, "true");
      } else if (inline != null) {
        values.put(name, inline);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(name, args[++i]);
      } else {
        throw new UsageException(command + ": --" + name + " needs a value " + option.value());
      }
    }
    return new Options(command, values);
  }

  private static Option find(List<Option> known, String name) {
    for (Option o : known) {
      if (o.name().equals(name)) {
        return o;
      }
    }
    return null;
  }

  /** The help text of a subcommand: summary, then one line per option. */
  public static String help(String usage, String summary, List<Option> known) {
    StringBuilder sb = new StringBuilder("usage: ").append(usage).append("\n\n");
    sb.append(summary).append("\n\noptions:\n");
    for (Option o : known) {
      String left = "  --" + o.name() + (o.isFlag() ? "" : " " + o.value());
      sb.append(String.format("%-34s %s%n", left, o.help()));
    }
    return sb.toString();
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public String required(String name) throws UsageException {
    String v = values.get(name);
    if (v == null) {
      throw new UsageException(command + ": --" + name + " is required");
    }
    return v;
  }

  private UsageException bad(String name, String what) {
    return new UsageException(
        command + ": --" + name + " must be " + what + ", got '" + values.get(name) + "'");
  }

  public long longValue(String name, long fallback, long min, long max) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    try {
      long v = Long.parseLong(values.get(name).trim());
      if (v < min || v > max) {
        throw bad(name, "a whole number from " + min + " to " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(name, "a whole number");
    }
  }

  public double number(String name, double fallback, double min, double max) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    try {
      double v = Double.parseDouble(values.get(name).trim());
      if (!(v >= min && v <= max)) {
        throw bad(name, "a number from " + min + " to " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(name, "a number");
    }
  }

  /** A speed factor, or {@code max} for as fast as possible (infinity). */
  public double speed(String name, double fallback) throws UsageException {
    if (has(name) && values.get(name).trim().equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    return number(name, fallback, 0.001, 1e9);
  }

  /**
   * An instant: ISO-8601 UTC ({@code 2026-04-06T14:00:00Z}), or an ISO duration after {@code base}
   * ({@code PT14H}) so that scenario times can be given relative to the start.
   */
  public Instant instant(String name, Instant fallback, Instant base) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    String v = values.get(name).trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return base.plus(Duration.parse(v));
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw bad(name, "an ISO-8601 instant (2026-04-06T14:00:00Z) or offset (PT14H)");
    }
  }

  /** An ISO-8601 duration ({@code PT6H}) from zero to {@code max}. */
  public Duration duration(String name, Duration fallback, Duration max) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    try {
      Duration d = Duration.parse(values.get(name).trim());
      if (d.isNegative() || d.compareTo(max) > 0) {
        throw bad(name, "a duration from PT0S to " + max);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw bad(name, "an ISO-8601 duration such as PT6H or PT30M");
    }
  }

  /** Two numbers {@code lat,lon}. */
  public double[] latLon(String name, double[] fallback) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    String[] parts = values.get(name).split(",");
    try {
      if (parts.length != 2) {
        throw bad(name, "LAT,LON");
      }
      return new double[] {
        Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())
      };
    } catch (NumberFormatException e) {
      throw bad(name, "LAT,LON");
    }
  }
}
