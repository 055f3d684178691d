package uk.ambulance.ops.jobs.ticks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.jobs.demand.Call;
import uk.ambulance.ops.jobs.demand.SeasonalBaseline;
import uk.ambulance.ops.jobs.fleet.FleetChange;
import uk.ambulance.ops.jobs.fleet.VehicleTracker;
import uk.ambulance.ops.jobs.hospitals.HandoverRecord;
import uk.ambulance.ops.jobs.hospitals.HandoverTracker;
import uk.ambulance.ops.jobs.hospitals.HospitalSignal;

/** The demand, fleet and hospital types that cross operators or live in state avoid Kryo. */
class LiveTypesTest {

  @ParameterizedTest
  @ValueSource(
      classes = {
        VehiclePosition.class,
        HospitalStatus.class,
        Call.class,
        SeasonalBaseline.class,
        FleetChange.class,
        VehicleTracker.Seen.class,
        HandoverRecord.class,
        HandoverTracker.Stay.class,
        HospitalSignal.class
      })
  void serialisedWithoutKryo(Class<?> type) {
    TypeInformation<?> info = TypeInformation.of(type);
    assertThat(info).isNotInstanceOf(GenericTypeInfo.class);
    SerializerConfigImpl noGenerics = new SerializerConfigImpl();
    noGenerics.setGenericTypes(false);
    assertThatCode(() -> info.createSerializer(noGenerics)).doesNotThrowAnyException();
  }
}
