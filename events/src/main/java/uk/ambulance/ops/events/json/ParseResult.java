package uk.ambulance.ops.events.json;

/** The outcome of parsing one input record: the event, or the reason it was refused. */
public sealed interface ParseResult<T> {

  record Valid<T>(T event) implements ParseResult<T> {}

  record Invalid<T>(String reason) implements ParseResult<T> {}

  static <T> ParseResult<T> valid(T event) {
    return new Valid<>(event);
  }

  static <T> ParseResult<T> invalid(String reason) {
    return new Invalid<>(reason);
  }
}
