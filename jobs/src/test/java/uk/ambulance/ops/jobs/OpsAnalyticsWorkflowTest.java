package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.CollectingSink;
import uk.ambulance.ops.jobs.testing.CraftedIncidents;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;
import uk.ambulance.ops.jobs.testing.ResponseTimeOracle;
import uk.ambulance.ops.jobs.window.CalendarPeriod;

/**
 * The whole job graph on a Flink MiniCluster, reading a real (in-JVM) Kafka broker: crafted
 * incidents delivered out of order, some events twice, with bad records among them. Every
 * response-time point the job writes must equal the independent oracle for its window, and every
 * bad record must reach the dead-letter topic with its reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ClusterTest
class OpsAnalyticsWorkflowTest {

  @RegisterExtension
  @org.junit.jupiter.api.Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  private static final Instant BASE = Instant.parse("2026-04-06T08:00:00Z");
  private static final long HOUR = 3_600_000;
  private static final long TICK = 10_000;

  /** Bad records and the reason each must be refused with. */
  private static final Map<String, String> BAD_RECORDS = new LinkedHashMap<>();

  static {
    BAD_RECORDS.put("{\"eventId\":\"b1\",", "malformed JSON");
    BAD_RECORDS.put(
        "{\"eventId\":\"b2\",\"incidentId\":\"X\",\"type\":\"CLOSED\",\"time\":\"2026-04-06T09:00:00Z\"}",
        "missing field 'outcome'");
    BAD_RECORDS.put(
        "{\"eventId\":\"b3\",\"incidentId\":\"X\",\"type\":\"CATEGORISED\",\"time\":\"2026-04-06T09:00:00Z\",\"category\":\"C9\"}",
        "unknown value 'C9' for field 'category'");
    BAD_RECORDS.put(
        "{\"eventId\":\"b4\",\"incidentId\":\"X\",\"type\":\"CALL_CONNECTED\",\"time\":\"2026-04-06T09:00:00Z\",\"lat\":48.85,\"lon\":2.35}",
        "outside Greater London");
    BAD_RECORDS.put(
        "{\"eventId\":\"b5\",\"incidentId\":\"X\",\"type\":\"CLOSED\",\"time\":\"2099-01-01T00:00:00Z\",\"outcome\":\"CANCELLED\"}",
        "in the future");
    BAD_RECORDS.put(
        "{\"eventId\":\"b6\",\"incidentId\":\"X\",\"type\":\"RESOURCE_ARRIVED\",\"time\":\"2026-04-06T09:00:00Z\",\"vehicleId\":\"V\",\"vehicleType\":\"DCA\",\"transportCapable\":\"yes\"}",
        "field 'transportCapable' must be true or false");
    BAD_RECORDS.put(
        "{\"eventId\":\"b7\",\"incidentId\":\"X\",\"type\":\"CLOSED\",\"time\":\"2026-04-06T09:00:00Z\",\"outcome\":\"CANCELLED\",\"pad\":\""
            + "x".repeat(20_000)
            + "\"}",
        "exceeds the limit of 16384 bytes");
    BAD_RECORDS.put("not json at all", "malformed JSON");
  }

  private static List<CraftedIncidents.Incident> incidents;
  private static int uniqueEvents;
  private static int duplicates;
  private static List<InfluxPoint> points;

  @BeforeAll
  static void runTheJobOverCraftedIncidents() throws Exception {
    KAFKA.createContractTopics(3);
    incidents = new CraftedIncidents(2026, BASE).generate(400, 3 * 3600);

    Random random = new Random(11);
    record Delivery(long sendOrder, ProducerRecord<byte[], byte[]> record) {}
    List<Delivery> deliveries = new ArrayList<>();
    for (CraftedIncidents.Incident incident : incidents) {
      for (IncidentEvent e : incident.events()) {
        // Up to five minutes out of order, well past the watermark's 30 s: late events must
        // correct the windows already written.
        long sendAt = e.timeMillis() + random.nextInt(300_000);
        deliveries.add(new Delivery(sendAt, record(e)));
        uniqueEvents++;
        if (random.nextInt(20) == 0) {
          deliveries.add(new Delivery(sendAt + random.nextInt(600_000), record(e)));
          duplicates++;
        }
      }
    }
    long badAt = BASE.toEpochMilli() + HOUR;
    for (String bad : BAD_RECORDS.keySet()) {
      deliveries.add(
          new Delivery(
              badAt += 60_000,
              new ProducerRecord<>(
                  Topics.CAD_INCIDENTS,
                  "BAD".getBytes(StandardCharsets.UTF_8),
                  bad.getBytes(StandardCharsets.UTF_8))));
    }
    deliveries.sort(Comparator.comparingLong(Delivery::sendOrder));
    KAFKA.produce(deliveries.stream().map(Delivery::record).toList());

    JobSettings settings =
        JobSettings.parse(
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--influx-url",
            "http://unused",
            "--replay",
            "--out-of-orderness-s",
            "30");
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(2);
    CollectingSink<InfluxPoint> metrics = new CollectingSink<>();
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        KafkaEndpoints.inputs(settings),
        new OpsAnalyticsWorkflow.Outputs(metrics, KafkaEndpoints.deadLetterSink(settings)));
    env.execute("ops-analytics-test");
    points = metrics.collected();
  }

  private static ProducerRecord<byte[], byte[]> record(IncidentEvent e) {
    return new ProducerRecord<>(
        Topics.CAD_INCIDENTS,
        e.incidentId().getBytes(StandardCharsets.UTF_8),
        EventJson.toBytes(e));
  }

  /** The last value written for each point identity: what InfluxDB ends up holding. */
  private static Map<String, InfluxPoint> finalPoints(String measurement) {
    Map<String, InfluxPoint> last = new HashMap<>();
    for (InfluxPoint p : points) {
      if (p.measurement().equals(measurement)) {
        last.put(p.tags() + "@" + p.timeMillis(), p);
      }
    }
    return last;
  }

  @Test
  @Order(1)
  void everyResponseTimePointEqualsTheIndependentFigureForItsWindow() {
    Map<String, InfluxPoint> written = finalPoints("response_times");
    assertThat(written).isNotEmpty();
    int checked = 0;
    for (InfluxPoint p : written.values()) {
      if (!p.tags().get("window").equals("1h")) {
        continue;
      }
      var oracle =
          ResponseTimeOracle.window(
              CraftedIncidents.expected(
                  incidents,
                  ReportingCategory.valueOf(p.tags().get("category")),
                  p.tags().get("area")),
              p.timeMillis(),
              HOUR);
      assertThat(p.fields().get("incidents")).as("count at %s", p).isEqualTo((long) oracle.count());
      if (oracle.count() > 0) {
        assertThat((Double) p.fields().get("mean_s"))
            .as("mean at %s", p)
            .isCloseTo(oracle.meanSeconds(), within(1e-6));
        assertThat((Double) p.fields().get("p90_s"))
            .as("p90 at %s", p)
            .isCloseTo(oracle.p90Seconds(), within(1e-6));
        assertThat(p.fields()).containsEntry("p90_definition", "linear");
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  @Order(2)
  void noWindowWithIncidentsIsMissing() {
    Map<String, InfluxPoint> written = finalPoints("response_times");
    List<String> scopes = new ArrayList<>(List.of("ALL"));
    for (Area a : Area.values()) {
      scopes.add(a.name());
    }
    for (ReportingCategory category : ReportingCategory.values()) {
      for (String area : scopes) {
        List<CraftedIncidents.Expected> all = CraftedIncidents.expected(incidents, category, area);
        long first =
            all.stream().mapToLong(CraftedIncidents.Expected::clockStopMs).min().orElseThrow();
        long last =
            all.stream().mapToLong(CraftedIncidents.Expected::clockStopMs).max().orElseThrow();
        for (long t = first - first % TICK + TICK; t <= last + HOUR; t += TICK) {
          if (ResponseTimeOracle.window(all, t, HOUR).count() > 0) {
            String id = Map.of("area", area, "category", category.name(), "window", "1h") + "@" + t;
            assertThat(written)
                .as("point %s", id)
                .containsKey(
                    new java.util.TreeMap<>(
                            Map.of("area", area, "category", category.name(), "window", "1h"))
                        + "@"
                        + t);
          }
        }
      }
    }
  }

  @Test
  @Order(3)
  void everyBadRecordReachesTheDeadLetterTopicWithItsReason() throws Exception {
    List<ConsumerRecord<byte[], byte[]>> letters =
        KAFKA.consume(Topics.OPS_DEADLETTER, BAD_RECORDS.size(), Duration.ofSeconds(30));
    assertThat(letters).hasSize(BAD_RECORDS.size());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    Map<String, String> reasonByPayload = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      var node = json.readTree(letter.value());
      assertThat(node.get("sourceTopic").asText()).isEqualTo(Topics.CAD_INCIDENTS);
      assertThat(node.get("offset").asLong()).isNotNegative();
      assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("BAD");
      reasonByPayload.put(node.get("payload").asText(), node.get("reason").asText());
    }
    for (Map.Entry<String, String> bad : BAD_RECORDS.entrySet()) {
      if (bad.getKey().length() > 16_384) {
        continue; // kept whole: under the 64 KiB dead-letter limit, checked by size below
      }
      assertThat(reasonByPayload.get(bad.getKey())).as(bad.getKey()).contains(bad.getValue());
    }
    assertThat(reasonByPayload)
        .anySatisfy(
            (payload, reason) -> {
              assertThat(payload).hasSizeGreaterThan(20_000);
              assertThat(reason).contains("exceeds the limit of 16384 bytes");
            });
  }

  @Test
  @Order(4)
  void pipelineCountsAcceptedRefusedAndDuplicateRecords() {
    InfluxPoint last = null;
    for (InfluxPoint p : points) {
      if (p.measurement().equals("pipeline")) {
        last = p;
      }
    }
    assertThat(last).isNotNull();
    assertThat(last.tags()).containsEntry("stream", "cad.incidents");
    assertThat(last.fields())
        .containsEntry("events", (long) uniqueEvents)
        .containsEntry("rejected", (long) BAD_RECORDS.size())
        .containsEntry("duplicates", (long) duplicates)
        .containsEntry("too_late", 0L);
  }

  @Test
  @Order(5)
  void todayAndMonthToDateEndWithTheIndependentFigureForTheWholePeriod() {
    Map<String, InfluxPoint> written = finalPoints("response_times");
    int checked = 0;
    for (CalendarPeriod period : CalendarPeriod.values()) {
      long start = period.startOf(BASE.toEpochMilli());
      long end = period.endOf(start);
      for (ReportingCategory category : ReportingCategory.values()) {
        for (String area : CraftedIncidents.scopes()) {
          var oracle =
              ResponseTimeOracle.window(
                  CraftedIncidents.expected(incidents, category, area), end - 1, end - start);
          var tags =
              new java.util.TreeMap<>(
                  Map.of(
                      "area", area, "category", category.name(), "window", period.windowLabel()));
          InfluxPoint closing = written.get(tags + "@" + (end - 1));
          if (oracle.count() == 0) {
            assertThat(closing).as("%s %s", tags, period).isNull();
            continue;
          }
          assertThat(closing).as("final point %s", tags).isNotNull();
          assertThat(closing.fields()).containsEntry("incidents", (long) oracle.count());
          assertThat((Double) closing.fields().get("mean_s"))
              .isCloseTo(oracle.meanSeconds(), within(1e-6));
          assertThat((Double) closing.fields().get("p90_s"))
              .isCloseTo(oracle.p90Seconds(), within(1e-6));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  @Order(6)
  void everyOutcomesPointCountsTheClosuresOfItsWindow() {
    record Closure(String area, long closedMs, Outcome outcome) {}
    List<Closure> closures = new ArrayList<>();
    for (CraftedIncidents.Incident incident : incidents) {
      IncidentEvent connected = incident.events().get(0);
      incident.events().stream()
          .filter(e -> e.type() == IncidentEventType.CLOSED)
          .max(Comparator.comparingLong(IncidentEvent::timeMillis))
          .ifPresent(
              c -> closures.add(new Closure(connected.area().name(), c.timeMillis(), c.outcome())));
    }
    Map<String, InfluxPoint> written = finalPoints("outcomes");
    assertThat(written).isNotEmpty();
    for (InfluxPoint p : written.values()) {
      String area = p.tags().get("area");
      long t = p.timeMillis();
      long from =
          switch (p.tags().get("window")) {
            case "1h" -> t - HOUR + 1;
            case "today" -> CalendarPeriod.DAY.startOf(t);
            default -> CalendarPeriod.MONTH.startOf(t);
          };
      List<Closure> inWindow =
          closures.stream()
              .filter(c -> area.equals("ALL") || c.area().equals(area))
              .filter(c -> c.closedMs() >= from && c.closedMs() <= t)
              .filter(c -> c.outcome() != Outcome.DUPLICATE) // another call, not an incident
              .toList();
      if (!p.tags().get("window").equals("1h") && t % TICK != TICK - 1) {
        continue; // intermediate today/mtd points are snapshots; the period's last is final
      }
      assertThat(p.fields())
          .as("%s", p)
          .containsEntry("incidents", (long) inWindow.size())
          .containsEntry(
              "hear_and_treat",
              inWindow.stream().filter(c -> c.outcome() == Outcome.HEAR_AND_TREAT).count())
          .containsEntry(
              "see_and_treat",
              inWindow.stream().filter(c -> c.outcome() == Outcome.SEE_AND_TREAT).count())
          .containsEntry(
              "conveyed", inWindow.stream().filter(c -> c.outcome().isConveyed()).count());
    }
  }
}
