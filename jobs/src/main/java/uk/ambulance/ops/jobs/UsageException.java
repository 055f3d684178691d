package uk.ambulance.ops.jobs;

/** A mistake on the command line: reported in one line, never as a stack trace. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}
