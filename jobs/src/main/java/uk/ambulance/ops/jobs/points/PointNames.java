package uk.ambulance.ops.jobs.points;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;

/**
 * The names points are made of, numbered: the contract's measurement, tag and field names and the
 * tag values that recur (areas, categories, windows, vehicle statuses and types, streams). A known
 * name crosses the network as one byte instead of its characters, and the receiving end gets the
 * very {@code String} constant back rather than a new copy. Any other name goes as text, so the
 * table only makes points cheaper, never different.
 *
 * <p>Both ends of a network channel run the same job jar, and the table is sorted, so they agree on
 * the numbers. Points are never kept in state, so the numbers may change from one version to the
 * next.
 */
final class PointNames {
  private static final int LITERAL = 0;
  private static final List<String> BY_CODE = new ArrayList<>();
  private static final Map<String, Integer> CODES = new HashMap<>();

  static {
    TreeSet<String> names = new TreeSet<>();
    addConstants(Metrics.class, names);
    for (Class<?> measurement : Metrics.class.getDeclaredClasses()) {
      addConstants(measurement, names);
    }
    addConstants(Topics.class, names);
    for (Class<? extends Enum<?>> tagValues :
        List.of(
            Area.class,
            Category.class,
            ReportingCategory.class,
            VehicleStatus.class,
            VehicleType.class)) {
      for (Enum<?> value : tagValues.getEnumConstants()) {
        names.add(value.name());
      }
    }
    for (Metrics.StandardAtRisk.Metric metric : Metrics.StandardAtRisk.Metric.values()) {
      names.add(metric.tag());
    }
    BY_CODE.add(null); // LITERAL
    for (String name : names) {
      CODES.put(name, BY_CODE.size());
      BY_CODE.add(name);
    }
    if (BY_CODE.size() > 256) {
      throw new IllegalStateException(
          BY_CODE.size() + " point names: more than a byte can number; make the codes wider");
    }
  }

  private PointNames() {}

  static void write(String name, DataOutputView out) throws IOException {
    Integer code = CODES.get(name);
    if (code == null) {
      out.writeByte(LITERAL);
      StringValue.writeString(name, out);
    } else {
      out.writeByte(code);
    }
  }

  static String read(DataInputView in) throws IOException {
    int code = in.readUnsignedByte();
    return code == LITERAL ? StringValue.readString(in) : BY_CODE.get(code);
  }

  /** How many names have a number. */
  static int size() {
    return BY_CODE.size() - 1;
  }

  private static void addConstants(Class<?> holder, TreeSet<String> names) {
    for (Field f : holder.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m)
          && Modifier.isStatic(m)
          && Modifier.isFinal(m)
          && f.getType() == String.class) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
