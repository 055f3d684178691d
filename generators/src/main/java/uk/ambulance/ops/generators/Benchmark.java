package uk.ambulance.ops.generators;

/**
 * Simulates a London day, all three streams, to files and prints records per second and the wall
 * time. The same as {@code generators benchmark}; a main class so that it can be run on its own.
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = "benchmark";
    System.arraycopy(args, 0, all, 1, args.length);
    System.exit(Cli.run(all, System.out, System.err));
  }
}
