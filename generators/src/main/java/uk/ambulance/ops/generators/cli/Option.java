package uk.ambulance.ops.generators.cli;

/** One command-line option: {@code --name VALUE} (or a flag when {@code value} is null). */
public record Option(String name, String value, String help) {
  public static Option flag(String name, String help) {
    return new Option(name, null, help);
  }

  public static Option of(String name, String value, String help) {
    return new Option(name, value, help);
  }

  boolean isFlag() {
    return value == null;
  }
}
