package uk.ambulance.ops.generators.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One trust-month row of the AmbSYS extract, read by column name. */
public final class AmbsysFigures {
  private final Map<String, Double> values = new HashMap<>();

  private AmbsysFigures() {}

  /** The row for an organisation code and month, from the test copy of the extract. */
  public static AmbsysFigures of(String orgCode, int year, int month) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                AmbsysFigures.class.getResourceAsStream("/data/ambsys-2025-11_to_2026-04.csv"),
                StandardCharsets.UTF_8))) {
      List<String> header = List.of(in.readLine().split(","));
      String line;
      while ((line = in.readLine()) != null) {
        String[] cells = line.split(",");
        if (cells[header.indexOf("OrgCode")].equals(orgCode)
            && Integer.parseInt(cells[header.indexOf("Year")]) == year
            && Integer.parseInt(cells[header.indexOf("Month")]) == month) {
          AmbsysFigures f = new AmbsysFigures();
          for (int i = 0; i < header.size(); i++) {
            try {
              f.values.put(header.get(i), Double.parseDouble(cells[i]));
            } catch (NumberFormatException e) {
              // text columns
            }
          }
          return f;
        }
      }
    }
    throw new IllegalArgumentException("no AmbSYS row for " + orgCode + " " + year + "-" + month);
  }

  /** A column whose name ends with the given suffix, e.g. "C1_mean_s" or "C2_count". */
  public double get(String suffix) {
    for (var e : values.entrySet()) {
      if (e.getKey().endsWith("_" + suffix)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("no AmbSYS column *_" + suffix);
  }
}
