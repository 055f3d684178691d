package uk.ambulance.ops.jobs.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.output.DeliveryShaper;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;
import uk.ambulance.ops.generators.output.StreamWriter;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.sim.Simulation;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.OpsAnalyticsJob;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;
import uk.ambulance.ops.jobs.testing.InfluxHttp;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;

/**
 * Every panel of every dashboard answers, with data, against what the real pipeline writes for a
 * simulated day.
 *
 * <p>The simulated London service (default seed) runs for the 24 hours up to the present, with
 * faulty delivery (malformed copies, repeats, late records) and a major incident 40 minutes before
 * the end; its records go to an in-JVM Kafka broker; the production job (the job's own inputs and
 * outputs, replay mode) runs on a MiniCluster into a real influxd. The day ends now, so Grafana's
 * relative ranges ({@code now-1h}, {@code now-24h}) cover it exactly as on the live system, and the
 * {@code pipeline} measurement, stamped with the wall clock, falls in the same ranges.
 *
 * <p>Then, for every target of every panel, the query is expanded as Grafana expands it (the
 * dashboard's or panel's own time range as {@code $timeFilter}, {@code $__interval} from that
 * range, each value of every template variable it uses) and run. Any InfluxDB error fails; so does
 * an empty answer (no row with a non-null value), except for the targets listed in {@link
 * #MAY_BE_EMPTY} with the reason.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@ClusterTest
class DashboardQueriesTest {
  private static final String DATABASE = "ops";

  /**
   * Vehicles report every 90 s here rather than 30 s: the fleet panels need positions, not their
   * full rate, and a day at 30 s is ~1.9 M records. 90 s stays inside the 2-minute silence limit,
   * so no vehicle looks silent because of it.
   */
  private static final Duration AVL_INTERVAL = Duration.ofSeconds(90);

  /**
   * Measurements no job writes yet, so that panels reading only these may answer empty. Each must
   * be read by some panel, and the test fails once one has data, so that the list stays honest.
   */
  static final Map<String, String> NOT_PRODUCED_YET = Map.of();

  /**
   * Panels (dashboard uid / panel title) whose empty answer is the normal, green state: a filter
   * that lists only what needs action. Their measurement must still have data, checked here.
   */
  static final Map<String, String> EMPTY_WHEN_ALL_IS_WELL =
      Map.of(
          "ops-wallboard/EDs with crews waiting over 30 min",
          "lists only EDs with a crew waiting 30 minutes or more; none is the green state",
          "ops-wallboard/Firing alerts",
          "lists only alerts in state FIRING; none is the green state",
          "ops-wallboard/Demand hotspots now",
          "shows only cells hot at the end of the range; none is the green state",
          "ops-wallboard/Major incidents now",
          "lists only clusters active at the end of the range; none is the green state");

  @RegisterExtension
  @Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  @RegisterExtension
  @Order(2)
  static final InfluxDbServer INFLUX = new InfluxDbServer();

  private static InfluxHttp influx;
  private static Instant now;
  private static Instant simStart;
  private static final Map<String, Long> PUBLISHED = new TreeMap<>();
  private static final Map<String, List<String>> EMPTY_ANSWERS = new TreeMap<>();

  @BeforeAll
  static void runASimulatedDayThroughThePipeline() throws Exception {
    long t0 = System.nanoTime();
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    SimSettings sim =
        SimSettings.defaults()
            .withStart(end.minus(Duration.ofDays(1)))
            .withDuration(Duration.ofDays(1))
            .withScenarios(
                new SimSettings.Scenarios(
                    new SimSettings.MajorIncident(
                        end.minus(Duration.ofMinutes(40)),
                        51.5033,
                        -0.1196,
                        80,
                        Duration.ofMinutes(20)),
                    null,
                    null))
            .withDelivery(new SimSettings.Delivery(0.002, 0.01, 0.02, Duration.ofMinutes(2)))
            .withFeeds(new SimSettings.Feeds(AVL_INTERVAL, Duration.ofMinutes(15), true));
    KAFKA.createTopics(
        Map.of(
            Topics.CAD_INCIDENTS, 2,
            Topics.AVL_POSITIONS, 2,
            Topics.HOSPITAL_STATUS, 1,
            Topics.OPS_DEADLETTER, 1));
    try (KafkaRecords kafka = new KafkaRecords(KAFKA.bootstrapServers());
        StreamWriter writer =
            new StreamWriter(new DeliveryShaper(kafka, sim.delivery(), sim.seed()), null, true)) {
      new Simulation(sim, writer).run(t -> {});
    }
    simStart = sim.start();
    long t1 = System.nanoTime();

    JobSettings settings =
        JobSettings.parse(
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--influx-url",
            INFLUX.url(),
            "--influx-database",
            DATABASE,
            "--consumer-group",
            "dashboard-test",
            "--replay");
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, true);
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure must fail the test
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(2);
    // The job's own sources and sinks, whatever streams it reads: production wiring, not a copy.
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        (OpsAnalyticsWorkflow.Inputs) jobMethod("inputs").invoke(null, settings),
        (OpsAnalyticsWorkflow.Outputs) jobMethod("outputs").invoke(null, settings));
    env.execute("dashboard-queries-test");
    now = Instant.now();
    influx = new InfluxHttp(INFLUX.url());
    System.out.printf(
        "DashboardQueriesTest: simulated %s to %s, published %s in %d ms; job ran in %d ms%n",
        sim.start(),
        end,
        PUBLISHED,
        TimeUnit.NANOSECONDS.toMillis(t1 - t0),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
  }

  private static Method jobMethod(String name) throws NoSuchMethodException {
    Method m = OpsAnalyticsJob.class.getDeclaredMethod(name, JobSettings.class);
    m.setAccessible(true);
    return m;
  }

  @Test
  void theSimulatedDayReachedInfluxDb() throws Exception {
    List<InfluxHttp.Row> calls =
        influx.query(
            DATABASE,
            "SELECT last(incidents) FROM outcomes WHERE area = 'ALL' AND \"window\" = 'today'"
                + " AND time <= "
                + now.toEpochMilli()
                + "ms");
    assertThat(PUBLISHED.get(Topics.CAD_INCIDENTS)).isGreaterThan(30_000);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).values().get("last").asLong()).isPositive();
  }

  /**
   * What the job really writes is named in the contract: every measurement, tag and field in
   * InfluxDB after the simulated day is declared in {@code events.Metrics}, which {@code
   * ContractDocsTest} holds to the table in events/README.md.
   */
  @Test
  void everyMeasurementTagAndFieldWrittenIsInTheContract() throws Exception {
    Map<String, Set<String>> declared = new TreeMap<>();
    for (Class<?> type : Metrics.class.getDeclaredClasses()) {
      Set<String> names = new TreeSet<>();
      String measurement = null;
      for (java.lang.reflect.Field f : type.getDeclaredFields()) {
        if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          if (f.getName().equals("MEASUREMENT")) {
            measurement = (String) f.get(null);
          } else {
            names.add((String) f.get(null));
          }
        }
      }
      declared.put(measurement, names);
    }
    Set<String> written = new TreeSet<>();
    for (InfluxHttp.Row m : influx.query(DATABASE, "SHOW MEASUREMENTS")) {
      String measurement = m.values().get("name").asText();
      written.add(measurement);
      assertThat(declared)
          .as("measurement %s is not in events.Metrics", measurement)
          .containsKey(measurement);
      Set<String> keys = new TreeSet<>();
      for (InfluxHttp.Row k :
          influx.query(DATABASE, "SHOW TAG KEYS FROM \"" + measurement + "\"")) {
        keys.add(k.values().get("tagKey").asText());
      }
      for (InfluxHttp.Row k :
          influx.query(DATABASE, "SHOW FIELD KEYS FROM \"" + measurement + "\"")) {
        keys.add(k.values().get("fieldKey").asText());
      }
      assertThat(keys)
          .as("tags and fields of %s", measurement)
          .isNotEmpty()
          .isSubsetOf(declared.get(measurement));
    }
    assertThat(written).as("the day wrote most measurements").hasSizeGreaterThan(10);
  }

  @TestFactory
  Stream<DynamicNode> everyPanelQueryAnswersWithData() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (Dashboards.Dashboard dashboard : Dashboards.load()) {
      List<DynamicNode> panels = new ArrayList<>();
      for (Dashboards.Panel panel : dashboard.panels()) {
        for (Dashboards.Target target : panel.targets()) {
          panels.add(DynamicTest.dynamicTest(target.toString(), () -> check(target)));
        }
      }
      nodes.add(DynamicContainer.dynamicContainer(dashboard.toString(), panels));
    }
    nodes.add(
        DynamicTest.dynamicTest(
            "the may-be-empty lists are read by some panel and still empty", this::listsAreHonest));
    return nodes.stream();
  }

  /** Runs one target for every combination of the variable values it uses. */
  private static void check(Dashboards.Target target) throws Exception {
    Dashboards.Panel panel = target.panel();
    Dashboards.Dashboard dashboard = panel.dashboard();
    GrafanaMacros.Range range = range(dashboard, panel);
    int maxDataPoints =
        panel.json().path("maxDataPoints").asInt(GrafanaMacros.DEFAULT_MAX_DATA_POINTS);
    Duration interval = GrafanaMacros.interval(range, maxDataPoints);
    String query = target.query();
    List<Map<String, String>> combinations = combinations(dashboard, query);
    List<String> empty = new ArrayList<>();
    for (Map<String, String> variables : combinations) {
      String expanded = GrafanaMacros.expand(query, range, interval, variables);
      assertThat(GrafanaMacros.variablesIn(expanded))
          .as("variables left in %s", expanded)
          .isEmpty();
      List<InfluxHttp.Row> rows = influx.query(DATABASE, expanded); // throws on any InfluxQL error
      Matcher latest = LATEST_POINT.matcher(query);
      if (latest.find()) {
        // "The latest point" may hold nulls (nobody waiting now, an empty window), or be absent
        // when nothing happened in the panel's range (no C4 clock stop in the hour): the panel
        // then shows its no-value text, which it must have. Either way the same expressions must
        // have values over the simulated day, or a misspelt field or tag would pass as "none now".
        GrafanaMacros.Range day =
            new GrafanaMacros.Range(simStart.toEpochMilli(), now.toEpochMilli());
        String overTheDay =
            GrafanaMacros.expand(
                latest.replaceFirst(""),
                day,
                GrafanaMacros.interval(day, maxDataPoints),
                variables);
        boolean noValueText =
            !panel.json().path("fieldConfig").path("defaults").path("noValue").asText().isBlank();
        if ((rows.isEmpty() && !noValueText)
            || influx.query(DATABASE, overTheDay).stream()
                .noneMatch(DashboardQueriesTest::hasValue)) {
          empty.add(variables + ": " + expanded);
        }
      } else if (rows.stream().noneMatch(DashboardQueriesTest::hasValue)) {
        empty.add(variables + ": " + expanded);
      }
    }
    if (empty.isEmpty()) {
      return;
    }
    Set<String> measurements = measurements(query);
    String key = dashboard.uid() + "/" + panel.title();
    for (String m : measurements) {
      EMPTY_ANSWERS.computeIfAbsent(m, k -> new ArrayList<>()).add(target.toString());
    }
    if (EMPTY_WHEN_ALL_IS_WELL.containsKey(key)) {
      return;
    }
    if (!measurements.isEmpty() && NOT_PRODUCED_YET.keySet().containsAll(measurements)) {
      return;
    }
    throw new AssertionError(
        "empty answer from "
            + target
            + " (reads "
            + measurements
            + "):\n  "
            + String.join("\n  ", empty));
  }

  private void listsAreHonest() throws Exception {
    Set<String> read = new TreeSet<>();
    Set<String> panelKeys = new TreeSet<>();
    for (Dashboards.Dashboard d : Dashboards.load()) {
      for (Dashboards.Panel p : d.panels()) {
        panelKeys.add(d.uid() + "/" + p.title());
        p.targets().forEach(t -> read.addAll(measurements(t.query())));
      }
    }
    assertThat(read).as("measurements read by panels").containsAll(NOT_PRODUCED_YET.keySet());
    assertThat(panelKeys).containsAll(EMPTY_WHEN_ALL_IS_WELL.keySet());
    for (String measurement : NOT_PRODUCED_YET.keySet()) {
      assertThat(influx.query(DATABASE, "SELECT * FROM \"" + measurement + "\" LIMIT 1"))
          .as("%s has data now: take it off NOT_PRODUCED_YET", measurement)
          .isEmpty();
    }
  }

  /** The dashboard's range, or the panel's own ({@code timeFrom}: "24h" means now-24h to now). */
  private static GrafanaMacros.Range range(Dashboards.Dashboard dashboard, Dashboards.Panel panel) {
    ZoneId zone = ZoneId.of(dashboard.json().path("timezone").asText("Europe/London"));
    String timeFrom = panel.json().path("timeFrom").asText("");
    if (!timeFrom.isBlank()) {
      return GrafanaMacros.range("now-" + timeFrom, "now", now, zone);
    }
    JsonNode time = dashboard.json().path("time");
    return GrafanaMacros.range(time.path("from").asText(), time.path("to").asText(), now, zone);
  }

  /** Every combination of the values of the variables a query uses. */
  private static List<Map<String, String>> combinations(
      Dashboards.Dashboard dashboard, String query) throws Exception {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (String name : GrafanaMacros.variablesIn(query)) {
      List<String> values = values(dashboard, name);
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String value : values) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(name, value);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /** A variable's values: a custom list as written, a query variable's answer from InfluxDB. */
  private static List<String> values(Dashboards.Dashboard dashboard, String name) throws Exception {
    for (JsonNode v : dashboard.variables()) {
      if (!v.path("name").asText().equals(name)) {
        continue;
      }
      List<String> values = new ArrayList<>();
      switch (v.path("type").asText()) {
        case "custom" -> {
          for (String s : v.path("query").asText().split(",")) {
            values.add(s.contains(" : ") ? s.substring(s.indexOf(" : ") + 3).trim() : s.trim());
          }
        }
        case "query" -> {
          GrafanaMacros.Range range = range(dashboard, new Dashboards.Panel(dashboard, v));
          String q =
              GrafanaMacros.expand(
                  v.path("query").asText(), range, GrafanaMacros.MIN_INTERVAL, Map.of());
          for (InfluxHttp.Row row : influx.query(DATABASE, q)) {
            values.add(row.values().get("value").asText());
          }
        }
        default -> throw new AssertionError("variable " + name + " of unexpected type " + v);
      }
      Set<String> measurements = measurements(v.path("query").asText());
      if (values.isEmpty() && NOT_PRODUCED_YET.keySet().containsAll(measurements)) {
        values.add("(none yet)");
      }
      assertThat(values).as("values of variable %s in %s", name, dashboard).isNotEmpty();
      return values;
    }
    throw new AssertionError("variable $" + name + " is not defined in " + dashboard);
  }

  /** The idiom for "the latest point as a whole", at the end of a top-level query. */
  private static final Pattern LATEST_POINT =
      Pattern.compile("(?i)\\s+ORDER BY time DESC LIMIT 1\\s*$");

  private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\s+\"?([A-Za-z_][\\w]*)\"?");

  static Set<String> measurements(String query) {
    Set<String> out = new TreeSet<>();
    Matcher m = FROM.matcher(query);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static boolean hasValue(InfluxHttp.Row row) {
    return row.values().entrySet().stream()
        .anyMatch(
            e -> !e.getKey().equals("time") && e.getValue() != null && !e.getValue().isNull());
  }

  /** The simulator's records straight into Kafka, counted per topic. */
  private static final class KafkaRecords implements RecordSink {
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaRecords(String bootstrapServers) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
      p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
      producer = new KafkaProducer<>(p);
    }

    @Override
    public void send(OutRecord r) {
      producer.send(
          new ProducerRecord<>(
              r.topic(),
              r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
              r.value()));
      PUBLISHED.merge(r.topic(), 1L, Long::sum);
    }

    /** Flushes (every record acknowledged) before the job starts reading. */
    @Override
    public void close() {
      producer.flush();
      producer.close();
    }
  }
}
