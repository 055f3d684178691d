package uk.ambulance.ops.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * events/README.md is the contract outside systems read: it must name every topic, measurement, tag
 * and field the code declares ({@link Topics}, {@link Metrics}), and nothing the code does not
 * have. What the job really writes is held to the same table by {@code DashboardQueriesTest}.
 */
class ContractDocsTest {
  private static final Path README = Path.of("README.md");
  private static final Pattern TOPIC_HEADING = Pattern.compile("(?m)^### `([a-z.]+)`");

  @Test
  void everyTopicHasItsSectionAndEverySectionIsATopic() throws Exception {
    Set<String> documented = new TreeSet<>();
    Matcher m = TOPIC_HEADING.matcher(Files.readString(README));
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).isEqualTo(new TreeSet<>(constants(Topics.class).values()));
  }

  @Test
  void everyMeasurementTagAndFieldIsInTheTableAndTheTableHasNoOther() throws Exception {
    Map<String, MeasurementRow> rows = MeasurementRow.read(README);
    Set<String> declared = new TreeSet<>();
    for (Class<?> measurement : Metrics.class.getDeclaredClasses()) {
      Map<String, String> names = constants(measurement);
      String name = names.get("MEASUREMENT");
      declared.add(name);
      MeasurementRow row = rows.get(name);
      assertThat(row).as("events/README.md has no row for measurement %s", name).isNotNull();
      names.forEach(
          (constant, value) -> {
            if (constant.startsWith("TAG_")) {
              assertThat(row.tags()).as("tags of %s", name).contains(value);
            } else if (!constant.equals("MEASUREMENT")) {
              assertThat(row.fields()).as("fields of %s", name).contains(value);
            }
          });
      assertThat(row.tags())
          .as("tags of %s in the README that the code does not declare", name)
          .isSubsetOf(valuesOf(names, true));
      assertThat(row.fields())
          .as("fields of %s in the README that the code does not declare", name)
          .isSubsetOf(valuesOf(names, false));
    }
    assertThat(rows.keySet()).isEqualTo(declared);
  }

  private static Set<String> valuesOf(Map<String, String> names, boolean tags) {
    Set<String> values = new TreeSet<>();
    names.forEach(
        (constant, value) -> {
          if (!constant.equals("MEASUREMENT") && constant.startsWith("TAG_") == tags) {
            values.add(value);
          }
        });
    return values;
  }

  /** The public String constants of a class, by constant name. */
  private static Map<String, String> constants(Class<?> type) throws IllegalAccessException {
    Map<String, String> out = new TreeMap<>();
    for (Field f : type.getDeclaredFields()) {
      int mod = f.getModifiers();
      if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && f.getType() == String.class) {
        out.put(f.getName(), (String) f.get(null));
      }
    }
    return out;
  }

  /**
   * One row of the README's InfluxDB table: {@code | `name` | tags | fields |}. A tag or field is a
   * name in backticks that opens a cell or follows a comma; names in parentheses are values.
   */
  record MeasurementRow(String name, Set<String> tags, Set<String> fields) {
    private static final Pattern ROW =
        Pattern.compile("(?m)^\\| `([a-z_0-9]+)` \\| (.*?) \\| (.*?) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z_0-9]+)`");

    static Map<String, MeasurementRow> read(Path readme) throws IOException {
      String text = Files.readString(readme);
      int table = text.indexOf("## InfluxDB");
      Map<String, MeasurementRow> rows = new TreeMap<>();
      Matcher m = ROW.matcher(text.substring(table));
      while (m.find()) {
        rows.put(m.group(1), new MeasurementRow(m.group(1), names(m.group(2)), names(m.group(3))));
      }
      return rows;
    }

    /** Backticked names outside parentheses: the names, not their values or explanations. */
    private static Set<String> names(String cell) {
      StringBuilder outside = new StringBuilder();
      int depth = 0;
      for (char c : cell.toCharArray()) {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (depth == 0) {
          outside.append(c);
        }
      }
      Set<String> names = new TreeSet<>();
      Matcher m = NAME.matcher(outside);
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }
}
