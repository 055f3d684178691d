package uk.ambulance.ops.events.json;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.ToLongFunction;

/**
 * What every parser promises for any input at all, checked by the fuzz tests: a result, never an
 * exception; a refusal always says why; an accepted record is one the job can use (its time fits in
 * epoch milliseconds, which every watermark and window relies on) and writes back to JSON that
 * parses to the same record.
 */
final class ParserContract {
  /** A fixed clock, so that whether a time is "too far in the future" never depends on the run. */
  static final ValidationRules RULES =
      ValidationRules.defaults()
          .withClock(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));

  private ParserContract() {}

  static <T> void holds(RecordParser<T> parser, byte[] input, ToLongFunction<T> timeMillis) {
    ParseResult<T> result = parser.parse(input);
    if (result instanceof ParseResult.Invalid<T> invalid) {
      if (invalid.reason() == null || invalid.reason().isBlank()) {
        throw new AssertionError("refused without a reason");
      }
      return;
    }
    T event = ((ParseResult.Valid<T>) result).event();
    if (event == null) {
      throw new AssertionError("accepted a null event");
    }
    timeMillis.applyAsLong(event); // throws ArithmeticException if the job could not use it
    ParseResult<T> again = parser.parse(EventJson.toBytes(event));
    if (!result.equals(again)) {
      throw new AssertionError("round trip changed " + result + " into " + again);
    }
  }
}
