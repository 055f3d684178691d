package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.testing.JobGraphs;

/**
 * Every record that crosses between operators has a serializer of its own: none falls back to Kryo,
 * which is several times slower and breaks savepoints when a class changes. Checked on the whole
 * job's graph, serializers opened up field by field (a POJO serializer holds one per field).
 */
class NoGenericTypesTest {
  @Test
  void noRecordBetweenOperatorsGoesThroughKryo() {
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = JobGraphs.wholeJob(config);

    List<String> kryo = new ArrayList<>();
    int checked = 0;
    for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
      List<TypeSerializer<?>> serializers = new ArrayList<>();
      serializers.add(node.getTypeSerializerOut());
      Collections.addAll(serializers, node.getTypeSerializersIn());
      serializers.add(node.getStateKeySerializer());
      for (TypeSerializer<?> s : serializers) {
        if (s != null) {
          checked++;
          if (containsKryo(s, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            kryo.add(node.getOperatorName() + ": " + s);
          }
        }
      }
    }
    assertThat(checked).as("serializers checked").isGreaterThan(50);
    assertThat(kryo).as("operators whose records go through Kryo").isEmpty();
  }

  /** A POJO with one field Flink cannot type: its serializer holds a Kryo one. */
  public static class Holder {
    public String name;
    public Object payload;
  }

  @Test
  void theCheckFindsKryoInsideAPojo() {
    TypeSerializer<Holder> pojo =
        TypeInformation.of(Holder.class)
            .createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl());
    assertThat(containsKryo(pojo, Collections.newSetFromMap(new IdentityHashMap<>()))).isTrue();
  }

  /** Whether the serializer is Kryo or holds one, however deep. */
  private static boolean containsKryo(Object serializer, Set<Object> seen) {
    if (serializer instanceof KryoSerializer<?>) {
      return true;
    }
    if (!seen.add(serializer)) {
      return false;
    }
    for (Class<?> c = serializer.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        Class<?> type = f.getType();
        boolean one = TypeSerializer.class.isAssignableFrom(type);
        boolean many =
            type.isArray() && TypeSerializer.class.isAssignableFrom(type.getComponentType());
        if (!one && !many) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object value = f.get(serializer);
          Object[] values = many ? (Object[]) value : new Object[] {value};
          for (Object v : values == null ? new Object[0] : values) {
            if (v != null && containsKryo(v, seen)) {
              return true;
            }
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new AssertionError("cannot look into " + c.getName() + "." + f.getName(), e);
        }
      }
    }
    return false;
  }
}
