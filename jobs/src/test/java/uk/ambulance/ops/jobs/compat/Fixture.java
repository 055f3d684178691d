package uk.ambulance.ops.jobs.compat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A committed savepoint fixture: a savepoint the job took at some commit, the records it had read
 * (the first {@link #firstHalf()} of {@link CompatibilityInput}) and the rest, and the simulator's
 * ground truth for all of them. Made by {@link SavepointFixture}; each lives in {@code
 * jobs/src/test/resources/compat/NAME/}.
 */
record Fixture(String name, Path directory, Properties properties) {
  static final String ROOT = "compat";
  static final String PROPERTIES = "fixture.properties";
  static final String SAVEPOINT = "savepoint";
  static final String HOW_TO_MAKE =
      "fixtures are made by uk.ambulance.ops.jobs.compat.SavepointFixture from a commit;"
          + " see jobs/src/test/resources/compat/README.md";

  /** The fixtures on the test classpath, by name. */
  static List<String> names() throws IOException {
    Path root = root();
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(PROPERTIES)))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** Loads a fixture, failing with what is missing and how fixtures are made. */
  static Fixture load(String name) throws IOException {
    Path directory = root().resolve(name);
    List<Path> missing =
        Stream.of(
                directory.resolve(PROPERTIES),
                directory.resolve(SAVEPOINT).resolve("_metadata"),
                directory.resolve(CompatibilityInput.RECORDS_FILE),
                directory.resolve(CompatibilityInput.TRUTH_FILE))
            .filter(file -> !Files.isRegularFile(file))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "savepoint fixture '"
              + name
              + "' is incomplete, missing "
              + missing
              + "; "
              + HOW_TO_MAKE);
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(directory.resolve(PROPERTIES))) {
      properties.load(in);
    }
    return new Fixture(name, directory, properties);
  }

  Path savepoint() {
    return directory.resolve(SAVEPOINT);
  }

  CompatibilityInput input() throws IOException {
    return CompatibilityInput.read(directory);
  }

  /** How many of the records, from the first, the savepoint's sources had read. */
  int firstHalf() {
    return Integer.parseInt(value("records.first-half"));
  }

  /** Every point up to this time is final once the whole input has been read. */
  Instant checkUntil() {
    return Instant.parse(value("check.until"));
  }

  String value(String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalStateException(
          "savepoint fixture '" + name + "' has no " + key + " in " + PROPERTIES);
    }
    return value;
  }

  private static Path root() {
    URL url = Fixture.class.getResource("/" + ROOT);
    if (url == null) {
      throw new IllegalStateException(
          "no savepoint fixtures on the test classpath (/" + ROOT + "); " + HOW_TO_MAKE);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("odd fixture location " + url, e);
    }
  }
}
