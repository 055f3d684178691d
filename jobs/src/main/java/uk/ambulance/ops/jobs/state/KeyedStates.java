package uk.ambulance.ops.jobs.state;

import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import uk.ambulance.ops.jobs.SafetyNetTtl;

/**
 * The keyed state of one function, all with the same time-to-live: a {@link SafetyNetTtl}, or none
 * where timers alone keep state bounded (or it is meant to stay, like a baseline). A state's name
 * and type are what a savepoint knows it by, and whether it has a TTL changes how it is stored: so
 * neither may change for state that already exists.
 */
public final class KeyedStates {
  private final RuntimeContext context;
  private final StateTtlConfig ttl;

  private KeyedStates(RuntimeContext context, StateTtlConfig ttl) {
    this.context = context;
    this.ttl = ttl;
  }

  /** State dropped {@code ttl} after its last write should a timer ever fail to remove it. */
  public static KeyedStates withSafetyNet(RuntimeContext context, Duration ttl) {
    return new KeyedStates(context, SafetyNetTtl.after(ttl));
  }

  /** State without a time-to-live: kept until the function clears it. */
  public static KeyedStates withoutTtl(RuntimeContext context) {
    return new KeyedStates(context, null);
  }

  public <T> ValueState<T> value(String name, TypeInformation<T> type) {
    return context.getState(withTtl(new ValueStateDescriptor<>(name, type)));
  }

  public ValueState<Long> time(String name) {
    return value(name, Types.LONG);
  }

  public <K, V> MapState<K, V> map(
      String name, TypeInformation<K> keyType, TypeInformation<V> valueType) {
    return context.getMapState(withTtl(new MapStateDescriptor<>(name, keyType, valueType)));
  }

  /** The one timer of a kind that a key has at a time, its time kept in state {@code name}. */
  public OneTimer timer(String name) {
    return new OneTimer(time(name));
  }

  /** The earliest of the times given, in state {@code name}. */
  public TimeBound earliest(String name) {
    return new TimeBound(time(name), true);
  }

  /** The latest of the times given, in state {@code name}. */
  public TimeBound latest(String name) {
    return new TimeBound(time(name), false);
  }

  private <D extends StateDescriptor<?, ?>> D withTtl(D descriptor) {
    if (ttl != null) {
      descriptor.enableTimeToLive(ttl);
    }
    return descriptor;
  }
}
