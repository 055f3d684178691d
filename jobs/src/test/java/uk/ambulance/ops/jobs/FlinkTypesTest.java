package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.events.model.DeadLetter;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.jobs.alerts.AlertState;
import uk.ambulance.ops.jobs.alerts.Observation;
import uk.ambulance.ops.jobs.edge.Inbound;
import uk.ambulance.ops.jobs.pipeline.PipelineSignal;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.response.IncidentTimeline;
import uk.ambulance.ops.jobs.response.ResponseChange;
import uk.ambulance.ops.jobs.response.WindowEntry;

/** Every type that crosses an operator boundary or lives in state avoids the Kryo fallback. */
class FlinkTypesTest {

  @ParameterizedTest
  @ValueSource(
      classes = {
        IncidentEvent.class,
        DeadLetter.class,
        IncidentTimeline.class,
        ResponseChange.class,
        WindowEntry.class,
        PipelineSignal.class,
        Alert.class,
        Observation.class,
        AlertState.class,
        InfluxPoint.class
      })
  void serialisedWithoutKryo(Class<?> type) {
    TypeInformation<?> info = TypeInformation.of(type);
    assertThat(info).isNotInstanceOf(GenericTypeInfo.class);
    SerializerConfigImpl noGenerics = new SerializerConfigImpl();
    noGenerics.setGenericTypes(false);
    assertThatCode(() -> info.createSerializer(noGenerics)).doesNotThrowAnyException();
  }

  @org.junit.jupiter.api.Test
  void inboundEnvelopeIsAPojo() {
    SerializerConfigImpl noGenerics = new SerializerConfigImpl();
    noGenerics.setGenericTypes(false);
    assertThatCode(() -> Inbound.typeOf(IncidentEvent.class).createSerializer(noGenerics))
        .doesNotThrowAnyException();
  }
}
