package uk.ambulance.ops.jobs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
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
    double[] kryoNs = new double[ROUNDS];
    double[] ownNs = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      kryoNs[r] = nanosPerPoint(kryo, plain);
      ownNs[r] = nanosPerPoint(own, points);
    }
    Arrays.sort(kryoNs);
    Arrays.sort(ownNs);
    double kryoMedian = kryoNs[ROUNDS / 2];
    double ownMedian = ownNs[ROUNDS / 2];
    System.out.printf(
        "PointSerializationBenchmark: %d points x %d passes x %d rounds, load %s%n",
        points.size(), PASSES, ROUNDS, ReplayBenchmark.loadAverage());
    System.out.printf(
        "  POJO, values by Kryo   %7.0f ns per point (write + read), %d bytes (%s)%n",
        kryoMedian, bytes(kryo, plain) / points.size(), kryo.getClass().getSimpleName());
    System.out.printf(
        "  InfluxPointSerializer  %7.0f ns per point (write + read), %d bytes%n",
        ownMedian, bytes(own, points) / points.size());
    System.out.printf("  ratio before / now: %.1f%n", kryoMedian / ownMedian);
  }

  private static <T> double nanosPerPoint(TypeSerializer<T> serializer, List<T> points)
      throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    DataInputDeserializer in = new DataInputDeserializer();
    long sink = 0;
    long start = System.nanoTime();
    for (int pass = 0; pass < PASSES; pass++) {
      for (T p : points) {
        out.clear();
        serializer.serialize(p, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        sink += serializer.deserialize(in).hashCode();
      }
    }
    long elapsed = System.nanoTime() - start;
    if (sink == 42) {
      System.out.print(""); // keeps the loop's result alive
    }
    return (double) elapsed / ((long) PASSES * points.size());
  }

  private static <T> long bytes(TypeSerializer<T> serializer, List<T> points) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    long total = 0;
    for (T p : points) {
      out.clear();
      serializer.serialize(p, out);
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
