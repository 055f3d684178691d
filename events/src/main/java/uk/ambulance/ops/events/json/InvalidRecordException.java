package uk.ambulance.ops.events.json;

/** Thrown inside a parser to refuse a record; the message is the dead-letter reason. */
final class InvalidRecordException extends Exception {
  InvalidRecordException(String reason) {
    super(reason, null, false, false);
  }
}
