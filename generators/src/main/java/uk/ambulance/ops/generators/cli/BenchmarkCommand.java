package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: simulates a London day, all three streams, to files and prints records per
 * second and the wall time. Not a timed test: it prints figures for a person to read.
 */
@Command(
    name = "benchmark",
    customSynopsis = "generators benchmark [--out DIR] [--days N]",
    description = {
      "simulate a London day to files and print records per second",
      "",
      "Simulates a London day to NDJSON files and prints records/s and wall time."
    })
final class BenchmarkCommand extends GeneratorCommand {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write (default: a temporary folder, deleted after)")
  Path outDir;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "1",
      description = "days to simulate (default ${DEFAULT-VALUE})")
  void days(long n) {
    days = inRange("--days", n, 1, 366);
  }

  long days;

  @Option(names = "--seed", paramLabel = "N", description = "random seed")
  Long seed;

  @Override
  int run(PrintStream out, PrintStream err) throws IOException {
    boolean temporary = outDir == null;
    Path dir = temporary ? Files.createTempDirectory("ambulance-bench") : outDir;
    List<String> simArgs = new ArrayList<>(List.of("--out", dir.toString(), "--quiet"));
    simArgs.addAll(List.of("--days", Long.toString(days)));
    if (seed != null) {
      simArgs.addAll(List.of("--seed", Long.toString(seed)));
    }
    long start = System.nanoTime();
    java.io.ByteArrayOutputStream summary = new java.io.ByteArrayOutputStream();
    Commands.run("simulate", simArgs.toArray(String[]::new), out, new PrintStream(summary, true));
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
