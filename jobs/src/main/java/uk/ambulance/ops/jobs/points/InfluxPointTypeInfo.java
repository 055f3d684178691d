package uk.ambulance.ops.jobs.points;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type of {@link InfluxPoint}: its own serializer, never Kryo. */
public final class InfluxPointTypeInfo extends TypeInformation<InfluxPoint> {
  private static final long serialVersionUID = 1L;

  /** Found by Flink through {@code @TypeInfo} on the record. */
  public static final class Factory extends TypeInfoFactory<InfluxPoint> {
    @Override
    public TypeInformation<InfluxPoint> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return new InfluxPointTypeInfo();
    }
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<InfluxPoint> getTypeClass() {
    return InfluxPoint.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<InfluxPoint> createSerializer(SerializerConfig config) {
    return InfluxPointSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "InfluxPoint";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InfluxPointTypeInfo;
  }

  @Override
  public int hashCode() {
    return InfluxPointTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof InfluxPointTypeInfo;
  }
}
