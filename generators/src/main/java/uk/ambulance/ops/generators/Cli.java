package uk.ambulance.ops.generators;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.generators.cli.Commands;

/**
 * The generators' command line: {@code simulate}, {@code replay}, {@code import}, {@code
 * benchmark}, {@code topics}, declared with picocli in {@code cli/}. A bad command line gets one
 * line of explanation and exit code 2; a failure while running gets one line and exit code 1; never
 * a stack trace.
 */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(Commands.overview());
      return args.length == 0 ? USAGE : OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return Commands.run(args[0], rest, out, err);
    } catch (ParameterException e) {
      String command = Commands.names().contains(args[0]) ? args[0] + " " : "";
      err.println(
          command.replace(' ', ':')
              + (command.isEmpty() ? "" : " ")
              + e.getMessage().replaceAll("\\s*\\R\\s*", " ")
              + " (see: generators "
              + command
              + "--help)");
      return USAGE;
    } catch (IOException | RuntimeException e) {
      err.println(args[0] + " failed: " + oneLine(e));
      return FAILED;
    }
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replace('\n', ' ');
  }
}
