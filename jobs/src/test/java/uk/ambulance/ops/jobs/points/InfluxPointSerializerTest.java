package uk.ambulance.ops.jobs.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.Metrics;

class InfluxPointSerializerTest {
  private static final InfluxPoint POINT =
      InfluxPoint.builder("response_times", 1_777_593_630_000L)
          .tag("category", "C2")
          .tag("area", "NE")
          .tag("window", "1h")
          .field("incidents", 13L)
          .field("mean_s", 1022.8473076923077)
          .field("p90_definition", "linear")
          .field("hot", true)
          .build();

  @Test
  void flinkFindsItsOwnSerializerNotKryo() {
    assertThat(TypeInformation.of(InfluxPoint.class)).isInstanceOf(InfluxPointTypeInfo.class);
  }

  @Test
  void aPointComesBackEqualWithEveryKindOfFieldInItsOrder() throws IOException {
    InfluxPoint back = roundTrip(InfluxPointSerializer.INSTANCE, POINT);
    assertThat(back).isEqualTo(POINT);
    assertThat(back.fields().keySet())
        .containsExactly("incidents", "mean_s", "p90_definition", "hot");
    assertThat(back.fields().get("incidents")).isInstanceOf(Long.class);
    assertThat(back.fields().get("mean_s")).isInstanceOf(Double.class);
  }

  @Test
  void contractNamesCrossAsABytePointingAtTheConstantAndOtherNamesAsText() throws IOException {
    InfluxPoint point =
        InfluxPoint.builder(Metrics.Handovers.MEASUREMENT, 1_777_593_630_000L)
            .tag(Metrics.Handovers.TAG_HOSPITAL, "RJ1-St Thomas'")
            .field(Metrics.Handovers.WAITING, 3L)
            .field("a_field_no_one_declared", 1.5)
            .build();
    DataOutputSerializer out = new DataOutputSerializer(256);
    InfluxPointSerializer.INSTANCE.serialize(point, out);
    String bytes = new String(out.getCopyOfBuffer(), StandardCharsets.ISO_8859_1);

    assertThat(bytes)
        .doesNotContain(Metrics.Handovers.MEASUREMENT)
        .doesNotContain(Metrics.Handovers.WAITING)
        .contains("a_field_no_one_declared");
    InfluxPoint back =
        InfluxPointSerializer.INSTANCE.deserialize(
            new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).isEqualTo(point);
    assertThat(back.measurement()).isSameAs(Metrics.Handovers.MEASUREMENT);
  }

  @Test
  void everyNameTheContractDeclaresHasANumberThatFitsAByte() {
    assertThat(PointNames.size()).isGreaterThan(100).isLessThan(256);
  }

  @Test
  void theSnapshotRestoresTheSameSerializer() throws IOException {
    TypeSerializerSnapshot<InfluxPoint> snapshot =
        InfluxPointSerializer.INSTANCE.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    TypeSerializerSnapshot<InfluxPoint> read =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(read.restoreSerializer()).isEqualTo(InfluxPointSerializer.INSTANCE);
    assertThat(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
  }

  @Test
  void aFieldOfAnotherTypeIsRefusedWithItsName() {
    InfluxPoint odd = new InfluxPoint("m", Map.of(), Map.of("f", new java.math.BigDecimal("1")), 0);
    assertThatThrownBy(() -> roundTrip(InfluxPointSerializer.INSTANCE, odd))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("java.math.BigDecimal");
  }

  private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
