package uk.ambulance.ops.jobs.alerts;

import java.io.Serializable;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.ambulance.ops.events.model.ReportingCategory;

/**
 * A rule's raise or clear level: a number, or a national standard of the point's {@code category}
 * ({@code standard.p90}, {@code standard.mean}), optionally times a factor ({@code
 * standard.p90*0.8}), so that the rules file never repeats the standards {@link ReportingCategory}
 * declares.
 */
public record Threshold(Source source, double number) implements Serializable {

  /** Where the level comes from; for a standard, {@code number} is the factor. */
  public enum Source {
    NUMBER,
    STANDARD_P90,
    STANDARD_MEAN
  }

  private static final Pattern STANDARD =
      Pattern.compile("standard\\.(p90|mean)\\s*(?:\\*\\s*([0-9.]+))?");

  /** Parses a number or {@code standard.p90|mean[*factor]}; throws with a one-line reason. */
  public static Threshold parse(String text) {
    String t = text.trim();
    Matcher m = STANDARD.matcher(t);
    if (m.matches()) {
      double factor = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
      if (!(factor > 0)) {
        throw new IllegalArgumentException("factor of '" + t + "' must be positive");
      }
      return new Threshold(
          m.group(1).equals("p90") ? Source.STANDARD_P90 : Source.STANDARD_MEAN, factor);
    }
    try {
      double value = Double.parseDouble(t);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return new Threshold(Source.NUMBER, value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + t + "' is neither a number nor standard.p90 or standard.mean (optionally *factor)");
    }
  }

  /** The level for a point with these tags; empty when its category has no such standard. */
  public OptionalDouble resolve(Map<String, String> tags) {
    if (source == Source.NUMBER) {
      return OptionalDouble.of(number);
    }
    String category = tags.get("category");
    if (category == null) {
      return OptionalDouble.empty();
    }
    ReportingCategory reporting;
    try {
      reporting = ReportingCategory.valueOf(category);
    } catch (IllegalArgumentException e) {
      return OptionalDouble.empty();
    }
    OptionalDouble standard =
        source == Source.STANDARD_P90
            ? reporting.targetP90Seconds()
            : reporting.targetMeanSeconds();
    return standard.isPresent() ? OptionalDouble.of(standard.getAsDouble() * number) : standard;
  }

  /** Whether it names a standard, i.e. needs a {@code category} tag to resolve. */
  public boolean isStandard() {
    return source != Source.NUMBER;
  }
}
