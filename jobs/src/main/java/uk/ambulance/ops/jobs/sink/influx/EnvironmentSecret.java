package uk.ambulance.ops.jobs.sink.influx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret given either in an environment variable or in a file named by another (the way container
 * platforms mount secrets). Errors name the variables and the file, never the secret.
 */
final class EnvironmentSecret {
  private EnvironmentSecret() {}

  /**
   * The secret: {@code value} if given, else the content of {@code file} without one trailing line
   * break, else null. Setting both is a mistake, not a precedence to guess.
   */
  static String valueOrFile(String value, String file, String valueVariable, String fileVariable) {
    if (value != null && file != null) {
      throw new IllegalStateException(
          "Both " + valueVariable + " and " + fileVariable + " are set; set one");
    }
    return file != null ? read(Path.of(file), fileVariable) : value;
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String read(Path file, String fileVariable) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      if (content.endsWith("\n")) {
        content = content.substring(0, content.length() - 1);
      }
      if (content.endsWith("\r")) {
        content = content.substring(0, content.length() - 1);
      }
      return content;
    } catch (IOException e) {
      // Names the file only; an I/O error cannot carry the content.
      throw new UncheckedIOException("Cannot read " + fileVariable + " " + file, e);
    }
  }
}
