package uk.ambulance.ops.jobs.points;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Every point the job writes crosses at least one network boundary, so its serializer is on the hot
 * path: the field values ({@code Object}) would otherwise send the whole point through Kryo. Names
 * the contract declares go as a byte ({@link PointNames}). A point is immutable, so a copy is the
 * point itself.
 */
public final class InfluxPointSerializer extends TypeSerializerSingleton<InfluxPoint> {
  private static final long serialVersionUID = 1L;

  public static final InfluxPointSerializer INSTANCE = new InfluxPointSerializer();

  private static final byte LONG = 0;
  private static final byte DOUBLE = 1;
  private static final byte BOOLEAN = 2;
  private static final byte STRING = 3;

  @Override
  public void serialize(InfluxPoint point, DataOutputView out) throws IOException {
    PointNames.write(point.measurement(), out);
    out.writeLong(point.timeMillis());
    out.writeInt(point.tags().size());
    for (Map.Entry<String, String> tag : point.tags().entrySet()) {
      PointNames.write(tag.getKey(), out);
      PointNames.write(tag.getValue(), out);
    }
    out.writeInt(point.fields().size());
    for (Map.Entry<String, Object> field : point.fields().entrySet()) {
      PointNames.write(field.getKey(), out);
      writeValue(field.getValue(), out);
    }
  }

  private static void writeValue(Object value, DataOutputView out) throws IOException {
    if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      StringValue.writeString(s, out);
    } else {
      throw new IOException("an InfluxDB field cannot hold a " + value.getClass().getName());
    }
  }

  @Override
  public InfluxPoint deserialize(DataInputView in) throws IOException {
    String measurement = PointNames.read(in);
    long time = in.readLong();
    Map<String, String> tags = new TreeMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      tags.put(PointNames.read(in), PointNames.read(in));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      fields.put(PointNames.read(in), readValue(in));
    }
    return new InfluxPoint(measurement, tags, fields, time);
  }

  private static Object readValue(DataInputView in) throws IOException {
    byte kind = in.readByte();
    return switch (kind) {
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case BOOLEAN -> in.readBoolean();
      case STRING -> StringValue.readString(in);
      default -> throw new IOException("unknown InfluxDB field kind " + kind);
    };
  }

  @Override
  public InfluxPoint deserialize(InfluxPoint reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public InfluxPoint copy(InfluxPoint point) {
    return point;
  }

  @Override
  public InfluxPoint copy(InfluxPoint point, InfluxPoint reuse) {
    return point;
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public InfluxPoint createInstance() {
    return null;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public TypeSerializerSnapshot<InfluxPoint> snapshotConfiguration() {
    return new Snapshot();
  }

  /** No configuration: restoring needs only the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<InfluxPoint> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
