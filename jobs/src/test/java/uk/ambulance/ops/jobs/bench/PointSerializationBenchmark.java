package uk.ambulance.ops.jobs.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.points.InfluxPointSerializer;

/**
 * What a point costs to cross an operator boundary: the Kryo fallback the job used before against
 * {@link InfluxPointSerializer}, on the same points, in interleaved rounds of one run (medians, and
 * their ratio, since a shared machine moves both). Not a test: run it with the classpath of {@link
 * ReplayBenchmark}.
 */
public final class PointSerializationBenchmark {
  private static final int ROUNDS = 7;
  private static final int PASSES = 200;

  private PointSerializationBenchmark() {}

  /** The point's shape without its type annotation: what Flink made of it before. */
  public record PlainPoint(
      String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMillis) {}

  public static void main(String[] args) throws Exception {
    List<InfluxPoint> points = typicalPoints();
    List<PlainPoint> plain =
        points.stream()
            .map(p -> new PlainPoint(p.measurement(), p.tags(), p.fields(), p.timeMillis()))
            .toList();
    TypeSerializer<PlainPoint> kryo =
        TypeInformation.of(PlainPoint.class).createSerializer(new SerializerConfigImpl());
    TypeSerializer<InfluxPoint> own = InfluxPointSerializer.INSTANCE;
    Codec<InfluxPoint> textNames = new TextNames();
    double[] kryoNs = new double[ROUNDS];
    double[] textNs = new double[ROUNDS];
    double[] ownNs = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      kryoNs[r] = nanosPerPoint(codec(kryo), plain);
      textNs[r] = nanosPerPoint(textNames, points);
      ownNs[r] = nanosPerPoint(codec(own), points);
    }
    Arrays.sort(kryoNs);
    Arrays.sort(textNs);
    Arrays.sort(ownNs);
    double kryoMedian = kryoNs[ROUNDS / 2];
    double textMedian = textNs[ROUNDS / 2];
    double ownMedian = ownNs[ROUNDS / 2];
    System.out.printf(
        "PointSerializationBenchmark: %d points x %d passes x %d rounds, load %s%n",
        points.size(), PASSES, ROUNDS, ReplayBenchmark.loadAverage());
    System.out.printf(
        "  POJO, values by Kryo   %7.0f ns per point (write + read), %d bytes (%s)%n",
        kryoMedian, bytes(codec(kryo), plain) / points.size(), kryo.getClass().getSimpleName());
    System.out.printf(
        "  every name as text     %7.0f ns per point (write + read), %d bytes%n",
        textMedian, bytes(textNames, points) / points.size());
    System.out.printf(
        "  InfluxPointSerializer  %7.0f ns per point (write + read), %d bytes%n",
        ownMedian, bytes(codec(own), points) / points.size());
    System.out.printf(
        "  ratio Kryo / now: %.1f, names as text / now: %.2f%n",
        kryoMedian / ownMedian, textMedian / ownMedian);
  }

  /** Writes a value and reads it back: a Flink serializer, or the former format below. */
  private interface Codec<T> {
    void write(T value, DataOutputSerializer out) throws IOException;

    T read(DataInputDeserializer in) throws IOException;
  }

  private static <T> Codec<T> codec(TypeSerializer<T> serializer) {
    return new Codec<>() {
      @Override
      public void write(T value, DataOutputSerializer out) throws IOException {
        serializer.serialize(value, out);
      }

      @Override
      public T read(DataInputDeserializer in) throws IOException {
        return serializer.deserialize(in);
      }
    };
  }

  /** The serializer's format before names were numbered: every name spelled out. */
  private static final class TextNames implements Codec<InfluxPoint> {
    @Override
    public void write(InfluxPoint point, DataOutputSerializer out) throws IOException {
      StringValue.writeString(point.measurement(), out);
      out.writeLong(point.timeMillis());
      out.writeInt(point.tags().size());
      for (Map.Entry<String, String> tag : point.tags().entrySet()) {
        StringValue.writeString(tag.getKey(), out);
        StringValue.writeString(tag.getValue(), out);
      }
      out.writeInt(point.fields().size());
      for (Map.Entry<String, Object> field : point.fields().entrySet()) {
        StringValue.writeString(field.getKey(), out);
        Object v = field.getValue();
        if (v instanceof Long l) {
          out.writeByte(0);
          out.writeLong(l);
        } else if (v instanceof Double d) {
          out.writeByte(1);
          out.writeDouble(d);
        } else {
          out.writeByte(3);
          StringValue.writeString((String) v, out);
        }
      }
    }

    @Override
    public InfluxPoint read(DataInputDeserializer in) throws IOException {
      String measurement = StringValue.readString(in);
      long time = in.readLong();
      Map<String, String> tags = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        tags.put(StringValue.readString(in), StringValue.readString(in));
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        String name = StringValue.readString(in);
        byte kind = in.readByte();
        fields.put(
            name,
            switch (kind) {
              case 0 -> in.readLong();
              case 1 -> in.readDouble();
              default -> StringValue.readString(in);
            });
      }
      return new InfluxPoint(measurement, tags, fields, time);
    }
  }

  private static <T> double nanosPerPoint(Codec<T> serializer, List<T> points) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    DataInputDeserializer in = new DataInputDeserializer();
    long sink = 0;
    long start = System.nanoTime();
    for (int pass = 0; pass < PASSES; pass++) {
      for (T p : points) {
        out.clear();
        serializer.write(p, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        sink += serializer.read(in).hashCode();
      }
    }
    long elapsed = System.nanoTime() - start;
    if (sink == 42) {
      System.out.print(""); // keeps the loop's result alive
    }
    return (double) elapsed / ((long) PASSES * points.size());
  }

  private static <T> long bytes(Codec<T> serializer, List<T> points) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    long total = 0;
    for (T p : points) {
      out.clear();
      serializer.write(p, out);
      total += out.length();
    }
    return total;
  }

  /** The shapes the job writes most: response times, calls waiting, handovers. */
  private static List<InfluxPoint> typicalPoints() {
    List<InfluxPoint> points = new ArrayList<>();
    String[] areas = {"ALL", "NW", "NC", "NE", "SW", "SE"};
    for (int i = 0; i < 1000; i++) {
      long t = 1_777_593_630_000L + i * 10_000L;
      String area = areas[i % areas.length];
      points.add(
          InfluxPoint.builder("response_times", t)
              .tag("category", "C" + (1 + i % 4))
              .tag("area", area)
              .tag("window", "1h")
              .field("incidents", (long) (i % 40))
              .field("mean_s", 400.0 + i)
              .field("p90_s", 900.0 + i)
              .field("target_mean_s", 1080.0)
              .field("target_p90_s", 2400.0)
              .field("provisional", (long) (i % 3))
              .field("p90_definition", "linear")
              .build());
      points.add(
          InfluxPoint.builder("calls_waiting", t)
              .tag("category", "C" + (1 + i % 4))
              .tag("area", area)
              .field("waiting", (long) (i % 12))
              .field("oldest_wait_s", 30.0 + i)
              .build());
      points.add(
          InfluxPoint.builder("handovers", t)
              .tag("hospital", "H" + (i % 30))
              .field("waiting", (long) (i % 5))
              .field("longest_wait_s", 600.0 + i)
              .field("release_due", 0L)
              .field("lost_hours_today", 3.5)
              .build());
    }
    return points;
  }
}
