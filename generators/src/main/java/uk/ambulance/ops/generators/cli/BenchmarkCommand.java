package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code benchmark}: simulates a London day, all three streams, to files and prints records per
 * second and the wall time. Not a timed test: it prints figures for a person to read.
 */
final class BenchmarkCommand {
  static final List<Option> OPTIONS =
      List.of(
          Option.of("out", "DIR", "where to write (default: a temporary folder, deleted after)"),
          Option.of("days", "N", "days to simulate (default 1)"),
          Option.of("seed", "N", "random seed"),
          Option.flag("help", "this help"));

  private BenchmarkCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Options o = Options.parse("benchmark", OPTIONS, args);
    if (o.has("help")) {
      out.print(
          Options.help(
              "generators benchmark [--out DIR] [--days N]",
              "Simulates a London day to NDJSON files and prints records/s and wall time.",
              OPTIONS));
      return 0;
    }
    boolean temporary = !o.has("out");
    Path dir =
        temporary ? Files.createTempDirectory("ambulance-bench") : Path.of(o.text("out", "."));
    List<String> simArgs = new ArrayList<>(List.of("--out", dir.toString(), "--quiet"));
    simArgs.addAll(List.of("--days", Long.toString(o.longValue("days", 1, 1, 366))));
    if (o.has("seed")) {
      simArgs.addAll(List.of("--seed", o.text("seed", "")));
    }
    long start = System.nanoTime();
    java.io.ByteArrayOutputStream summary = new java.io.ByteArrayOutputStream();
    SimulateCommand.run(simArgs.toArray(String[]::new), out, new PrintStream(summary, true));
    double seconds = (System.nanoTime() - start) / 1e9;
    long records = 0;
    long bytes = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
        if (!f.getFileName().toString().startsWith("ground-truth")) {
          try (Stream<String> lines = Files.lines(f)) {
            records += lines.count();
          }
        }
        bytes += Files.size(f);
      }
    }
    out.print(summary.toString());
    out.printf(
        "benchmark: %,d records (%.0f MB) in %.1f s wall = %,.0f records/s%n",
        records, bytes / 1e6, seconds, records / seconds);
    if (temporary) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return 0;
  }
}
