package uk.ambulance.ops.jobs.edge;

import static uk.ambulance.ops.events.model.IncidentEventType.ARRIVED_HOSPITAL;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ambulance.ops.events.Metrics.Handovers;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.json.HospitalStatusParser;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.ParseResult;
import uk.ambulance.ops.events.json.RecordParser;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.json.VehiclePositionParser;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.DeadLetter;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.events.model.VehicleStatus;
import uk.ambulance.ops.events.model.VehicleType;
import uk.ambulance.ops.jobs.JsonRecordSerializer;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.sink.influx.LineProtocol;

/**
 * Coverage-guided fuzzing of the job's entry point: for any Kafka record (any key, any value or
 * none, any partition and offset) on any input topic, the deserializer emits exactly one output.
 * Accepted, it is the parser's event; refused, it is a dead letter that keeps the record's topic,
 * partition, offset, key and bytes with a reason, and that the dead-letter sink can write and a
 * reader read back unchanged; and an accepted event's hospitalId is a tag InfluxDB can be sent. So
 * no record can fail the job where it enters, where it leaves as a dead letter, or where its
 * hospital becomes a tag.
 */
class ValidatingDeserializerFuzzTest {
  private static final ValidationRules RULES =
      ValidationRules.defaults()
          .withClock(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
  private static final Instant T = Instant.parse("2026-11-21T09:00:00Z");

  private static final List<Input<?>> INPUTS =
      List.of(
          new Input<>(
              Topics.CAD_INCIDENTS,
              new IncidentEventParser(RULES),
              IncidentEvent.class,
              IncidentEvent::hospitalId),
          new Input<>(
              Topics.AVL_POSITIONS,
              new VehiclePositionParser(RULES),
              VehiclePosition.class,
              p -> null),
          new Input<>(
              Topics.HOSPITAL_STATUS,
              new HospitalStatusParser(RULES),
              HospitalStatus.class,
              HospitalStatus::hospitalId));

  private static final JsonRecordSerializer<DeadLetter> SINK =
      new JsonRecordSerializer<>(Topics.OPS_DEADLETTER, DeadLetter::key);
  private static final ObjectMapper READER =
      new ObjectMapper().registerModule(new JavaTimeModule());

  /**
   * Records that once got through and failed the job where their hospitalId became an InfluxDB tag
   * (regression cases), then a valid record for each topic, keyed as the producers key it.
   */
  static Stream<Arguments> seeds() {
    return Stream.of(
        seed(
            0,
            "INC-1",
            IncidentEvent.vehicleStep("e2", "INC-1", ARRIVED_HOSPITAL, T, "V", "RLH\n")),
        seed(
            0,
            "INC-1",
            IncidentEvent.vehicleStep("e3", "INC-1", ARRIVED_HOSPITAL, T, "V", "RLH\\")),
        seed(
            2,
            "RLH",
            new HospitalStatus("h2", "R\ud800", T, "Royal London", 51.5, -0.05, 98.0, 2, 3, false)),
        seed(0, "INC-1", IncidentEvent.categorised("e1", "INC-1", T, Category.C1)),
        seed(
            1,
            "DCA7",
            new VehiclePosition(
                "p1",
                "DCA7",
                T,
                51.5,
                -0.1,
                VehicleStatus.ON_SCENE,
                VehicleType.DCA,
                true,
                0.0,
                null,
                "INC-1",
                null)),
        seed(
            2,
            "RLH",
            new HospitalStatus("h1", "RLH", T, "Royal London", 51.518, -0.059, 98.0, 2, 3, false)));
  }

  private static Arguments seed(int input, String key, Object record) {
    return Arguments.of(
        input, 0, 17L, key.getBytes(StandardCharsets.UTF_8), EventJson.toBytes(record));
  }

  @MethodSource("seeds")
  @DictionaryEntries({
    "1e400",
    "-0",
    "\"NaN\"",
    "\"-1000000000-01-01T00:00:00Z\"",
    "\\ud800",
    "\\u0000",
    "\\n",
    "\\\\",
    "\u00ef\u00bb\u00bf",
    "[[[[[[[[",
    "null"
  })
  @FuzzTest(maxDuration = "60s", maxExecutions = 3000)
  void anyKafkaRecord(int input, int partition, long offset, byte[] key, byte[] value)
      throws IOException {
    INPUTS.get(Math.floorMod(input, INPUTS.size())).check(partition, offset, key, value);
  }

  /** An input topic; {@code hospitalTag} is what of an event becomes an InfluxDB tag. */
  private record Input<T>(
      String topic, RecordParser<T> parser, Class<T> eventClass, Function<T, String> hospitalTag) {

    void check(int partition, long offset, byte[] key, byte[] value) throws IOException {
      List<Inbound<T>> out = new ArrayList<>();
      new ValidatingDeserializer<>(parser, eventClass)
          .deserialize(new ConsumerRecord<>(topic, partition, offset, key, value), collector(out));
      require(out.size() == 1, "emitted " + out.size() + " outputs");
      Inbound<T> in = out.get(0);
      require((in.event == null) != (in.deadLetter == null), "not exactly one of event, letter");
      ParseResult<T> verdict = parser.parse(value);
      if (in.isAccepted()) {
        require(verdict.equals(ParseResult.valid(in.event)), "accepted what the parser refused");
        // The sink refuses a point it cannot write and so fails the job, on every replay too.
        String hospital = hospitalTag.apply(in.event);
        if (hospital != null) {
          LineProtocol.format(
              InfluxPoint.builder(Handovers.MEASUREMENT, 0L)
                  .tag(Handovers.TAG_HOSPITAL, hospital)
                  .field(Handovers.WAITING, 1L)
                  .build());
        }
        return;
      }
      DeadLetter letter = in.deadLetter;
      require(verdict.equals(ParseResult.invalid(letter.reason())), "reason is not the parser's");
      require(!letter.reason().isBlank(), "blank reason");
      require(topic.equals(letter.sourceTopic()), "topic lost");
      require(letter.partition() == partition && letter.offset() == offset, "position lost");
      require(
          Objects.equals(
              letter.key(), key == null ? null : new String(key, StandardCharsets.UTF_8)),
          "key lost");
      byte[] body = value == null ? new byte[0] : value;
      require(letter.originalSizeBytes() == body.length, "size lost");
      require(letter.truncated() == body.length > DeadLetter.MAX_PAYLOAD_BYTES, "truncated wrong");
      byte[] kept = Arrays.copyOf(body, Math.min(body.length, DeadLetter.MAX_PAYLOAD_BYTES));
      require(Arrays.equals(payloadBytes(letter), kept), "payload bytes lost");
      ProducerRecord<byte[], byte[]> written = SINK.serialize(letter, null, null);
      require(Topics.OPS_DEADLETTER.equals(written.topic()), "dead letter on the wrong topic");
      require(
          letter.equals(READER.readValue(written.value(), DeadLetter.class)),
          "dead letter does not read back as written");
    }

    private static byte[] payloadBytes(DeadLetter letter) {
      return "base64".equals(letter.payloadEncoding())
          ? Base64.getDecoder().decode(letter.payload())
          : letter.payload().getBytes(StandardCharsets.UTF_8);
    }
  }

  private static void require(boolean holds, String what) {
    if (!holds) {
      throw new AssertionError(what);
    }
  }

  private static <T> Collector<T> collector(List<T> out) {
    return new Collector<>() {
      @Override
      public void collect(T record) {
        out.add(record);
      }

      @Override
      public void close() {}
    };
  }
}
