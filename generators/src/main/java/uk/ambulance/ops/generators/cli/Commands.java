package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The subcommands, each a {@link GeneratorCommand} whose picocli options are its only declaration;
 * the help texts, and generators/README.md with them, are printed from those declarations.
 */
@Command(
    name = "generators",
    customSynopsis = "generators <command> [options]   (each command has --help)",
    commandListHeading = "%ncommands:%n",
    subcommands = {
      SimulateCommand.class,
      ReplayCommand.class,
      ImportCommand.class,
      BenchmarkCommand.class,
      TopicsCommand.class
    })
public final class Commands {
  /** Wide enough that most options and their value share a line with their help. */
  private static final int LONGEST_OPTION = 32;

  private Commands() {}

  /** The generators' command line, with fresh command objects. */
  static CommandLine commandLine() {
    CommandLine root =
        new CommandLine(new Commands())
            // As before picocli: an option given twice takes the later value, and an argument
            // starting with @ is a value, not a file of arguments.
            .setOverwrittenOptionsAllowed(true)
            .setExpandAtFiles(false)
            .setUsageHelpWidth(110)
            .setUsageHelpLongOptionsMaxWidth(LONGEST_OPTION);
    for (CommandLine sub : root.getSubcommands().values()) {
      sub.getCommandSpec()
          .usageMessage()
          .synopsisHeading("usage: ")
          .descriptionHeading("%n")
          .optionListHeading("%noptions:%n");
    }
    root.getCommandSpec().usageMessage().synopsisHeading("usage: ");
    root.getSubcommands()
        .get("topics")
        .getCommandSpec()
        .usageMessage()
        .description(TopicsCommand.description());
    return root;
  }

  /** The overview: the commands and what each does. */
  public static String overview() {
    return commandLine().getUsageMessage(Help.Ansi.OFF);
  }

  /** The {@code --help} text of one command. */
  public static String help(String command) {
    return subcommand(commandLine(), command).getUsageMessage(Help.Ansi.OFF);
  }

  /** The command names, in the overview's order. */
  public static java.util.Set<String> names() {
    return commandLine().getSubcommands().keySet();
  }

  /**
   * Parses and checks a command line, then runs it; {@code --help} prints the command's help. A
   * mistake is a one-line {@link ParameterException}, whether found while parsing or running.
   */
  public static int run(String command, String[] args, PrintStream out, PrintStream err)
      throws IOException {
    CommandLine sub = parse(command, args);
    if (sub.isUsageHelpRequested()) {
      out.print(sub.getUsageMessage(Help.Ansi.OFF));
      return 0;
    }
    return ((GeneratorCommand) sub.getCommand()).run(out, err);
  }

  /**
   * Checks a command line as {@link #run} would read it, without running anything; throws the same
   * {@link ParameterException} for a mistake. For the commands deployments start ({@code simulate},
   * {@code topics}), so that a deployment file can be tested against this parser.
   */
  public static void check(String... commandLine) {
    if (commandLine.length == 0) {
      throw new ParameterException(commandLine(), "no command");
    }
    parse(commandLine[0], Arrays.copyOfRange(commandLine, 1, commandLine.length));
  }

  private static CommandLine parse(String command, String[] args) {
    CommandLine root = commandLine();
    CommandLine sub = subcommand(root, command);
    String[] all = new String[args.length + 1];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    ParseResult result = root.parseArgs(all);
    if (!result.subcommand().isUsageHelpRequested()) {
      ((GeneratorCommand) sub.getCommand()).check();
    }
    return sub;
  }

  private static CommandLine subcommand(CommandLine root, String command) {
    CommandLine sub = root.getSubcommands().get(command);
    if (sub == null) {
      throw new ParameterException(
          root,
          "unknown command '"
              + command
              + "'; try "
              + String.join(", ", root.getSubcommands().keySet()));
    }
    return sub;
  }
}
