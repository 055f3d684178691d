package uk.ambulance.ops.generators.cli;

/** A bad command line: the message is the one line the user sees. */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}
