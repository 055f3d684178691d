package uk.ambulance.ops.generators.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.VehicleType;

/**
 * How the columns of a CSV export map to incident steps. A plain text file of {@code key = value}
 * lines ({@code #} starts a comment; keys may contain spaces, so CSV values can be used as keys):
 *
 * <pre>
 * format = unit-per-row | incident-per-row
 * column.&lt;field&gt; = CSV header   (incidentId, received, categorised, assigned, arrived,
 *                                leftScene, arrivedHospital, clear, priority, unitId, unitType,
 *                                disposition, location | lat + lon)
 * time.format = java.time pattern,  time.zone = zone id
 * priority.&lt;value&gt; = C1..C4      unitType.&lt;value&gt; = DCA|FRU|..., true|false  (unitType.* default)
 * disposition.&lt;value&gt; = Outcome (disposition.* default)     hospitalId, idPrefix
 * </pre>
 */
public final class ColumnMapping {
  /** The shipped mapping for San Francisco Fire Department "Calls for Service". */
  public static final String SF_FIRE = "sf-fire-calls";

  private final Map<String, String> entries;
  final boolean unitPerRow;
  final DateTimeFormatter timeFormat;
  final ZoneId zone;

  private ColumnMapping(Map<String, String> entries) {
    this.entries = entries;
    String format = entries.getOrDefault("format", "unit-per-row");
    if (!format.equals("unit-per-row") && !format.equals("incident-per-row")) {
      throw new IllegalArgumentException(
          "mapping: format must be unit-per-row or incident-per-row");
    }
    this.unitPerRow = format.equals("unit-per-row");
    this.timeFormat =
        DateTimeFormatter.ofPattern(
            entries.getOrDefault("time.format", "yyyy-MM-dd HH:mm:ss"), Locale.US);
    this.zone = ZoneId.of(entries.getOrDefault("time.zone", "UTC"));
    if (column("incidentId") == null || column("received") == null || column("priority") == null) {
      throw new IllegalArgumentException(
          "mapping: column.incidentId, column.received and column.priority are required");
    }
    if (column("location") == null && (column("lat") == null || column("lon") == null)) {
      throw new IllegalArgumentException("mapping: column.location or column.lat and column.lon");
    }
  }

  /** A mapping file, or the name of a shipped mapping ({@link #SF_FIRE}). */
  public static ColumnMapping load(String fileOrName) throws IOException {
    if (fileOrName.equals(SF_FIRE)) {
      try (InputStream in =
          ColumnMapping.class.getResourceAsStream("/mappings/sf-fire-calls.mapping")) {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return parse(Files.readString(Path.of(fileOrName), StandardCharsets.UTF_8));
  }

  static ColumnMapping parse(String text) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("mapping line " + number + ": expected key = value");
        }
        entries.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
      }
    }
    return new ColumnMapping(entries);
  }

  String column(String field) {
    String v = entries.get("column." + field);
    return v == null || v.isEmpty() ? null : v;
  }

  String idPrefix() {
    return entries.getOrDefault("idPrefix", "");
  }

  String hospitalId() {
    return entries.getOrDefault("hospitalId", "UNKNOWN-ED");
  }

  /** The category for a priority value, or null if the mapping does not say. */
  Category category(String priority) {
    String v = entries.get("priority." + priority);
    return v == null ? null : Category.valueOf(v);
  }

  /** Vehicle type and whether it can carry a patient, for a unit type. */
  UnitKind unitKind(String unitType) {
    String v =
        entries.getOrDefault(
            "unitType." + unitType, entries.getOrDefault("unitType.*", "OTHER,false"));
    String[] parts = v.split(",");
    return new UnitKind(
        VehicleType.valueOf(parts[0].strip()),
        parts.length > 1 && Boolean.parseBoolean(parts[1].strip()));
  }

  Outcome outcome(String disposition) {
    String v = entries.getOrDefault("disposition." + disposition, entries.get("disposition.*"));
    return v == null ? null : Outcome.valueOf(v);
  }

  record UnitKind(VehicleType type, boolean transportCapable) {}
}
