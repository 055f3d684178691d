package uk.ambulance.ops.generators.importer;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: rows read and used, rows refused and timestamps ignored, each by reason and
 * count, and adjustments made to calls. Nothing is dropped without being counted here.
 */
public final class ImportReport {
  long rows;
  long rowsUsed;
  long incidents;
  long events;
  final Map<String, Long> unusableRows = new TreeMap<>();
  final Map<String, Long> ignoredTimestamps = new TreeMap<>();
  final Map<String, Long> adjustments = new TreeMap<>();

  void unusable(String reason) {
    unusableRows.merge(reason, 1L, Long::sum);
  }

  void ignored(String reason) {
    ignoredTimestamps.merge(reason, 1L, Long::sum);
  }

  void adjusted(String reason) {
    adjustments.merge(reason, 1L, Long::sum);
  }

  public long rows() {
    return rows;
  }

  public long rowsUsed() {
    return rowsUsed;
  }

  public long incidents() {
    return incidents;
  }

  public long events() {
    return events;
  }

  public Map<String, Long> unusableRows() {
    return Map.copyOf(unusableRows);
  }

  public Map<String, Long> ignoredTimestamps() {
    return Map.copyOf(ignoredTimestamps);
  }

  public Map<String, Long> adjustments() {
    return Map.copyOf(adjustments);
  }

  public long unusableRowCount() {
    return unusableRows.values().stream().mapToLong(Long::longValue).sum();
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("rows read:        %,d%n", rows));
    sb.append(String.format("rows used:        %,d%n", rowsUsed));
    sb.append(String.format("rows unusable:    %,d%n", unusableRowCount()));
    unusableRows.forEach((r, n) -> sb.append(String.format("  %,6d  %s%n", n, r)));
    sb.append(
        String.format(
            "timestamps ignored (row kept): %,d%n",
            ignoredTimestamps.values().stream().mapToLong(Long::longValue).sum()));
    ignoredTimestamps.forEach((r, n) -> sb.append(String.format("  %,6d  %s%n", n, r)));
    sb.append("adjustments:\n");
    adjustments.forEach((r, n) -> sb.append(String.format("  %,6d  %s%n", n, r)));
    sb.append(String.format("incidents:        %,d%n", incidents));
    sb.append(String.format("events written:   %,d%n", events));
    return sb.toString();
  }
}
