package uk.ambulance.ops.jobs.edge;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import uk.ambulance.ops.events.model.DeadLetter;

/**
 * A record as it leaves the source: exactly one of {@code event} (valid) and {@code deadLetter}
 * (refused, with the reason) is set. A Flink POJO so it is serialised without Kryo.
 */
public class Inbound<T> {
  public T event;
  public DeadLetter deadLetter;

  public Inbound() {}

  public static <T> Inbound<T> accepted(T event) {
    Inbound<T> in = new Inbound<>();
    in.event = event;
    return in;
  }

  public static <T> Inbound<T> refused(DeadLetter deadLetter) {
    Inbound<T> in = new Inbound<>();
    in.deadLetter = deadLetter;
    return in;
  }

  public boolean isAccepted() {
    return event != null;
  }

  /** The type information of {@code Inbound<T>} for an event class. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> TypeInformation<Inbound<T>> typeOf(Class<T> eventClass) {
    return (TypeInformation)
        Types.POJO(
            Inbound.class,
            Map.of(
                "event", TypeInformation.of(eventClass),
                "deadLetter", TypeInformation.of(DeadLetter.class)));
  }
}
