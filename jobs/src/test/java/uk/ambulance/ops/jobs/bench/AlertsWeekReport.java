package uk.ambulance.ops.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.ambulance.ops.events.model.Alert;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.alerts.AlertRule;
import uk.ambulance.ops.jobs.alerts.AlertRules;
import uk.ambulance.ops.jobs.testing.CollectingSink;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.SimulatedFeeds;

/**
 * How often the shipped rules would page over an ordinary simulated week (CAD only, as {@link
 * ReplayBenchmark} simulates it): FIRING transitions per London day per rule, as the job writes
 * them to {@code ops.alerts}, before Alertmanager groups them. The goal is fewer than 3 a day in
 * all outside real trouble. A figure, not a test; rules on live-only (wall-clock) figures do not
 * fire in a replay, nor rules on vehicle positions unless {@code --with-positions} simulates them
 * too (every 30 s, about seven times the records).
 *
 * <pre>
 * mvn -B -o -q -pl events,generators,jobs -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test-classpath.txt) \
 *     uk.ambulance.ops.jobs.bench.AlertsWeekReport [--days 7] [--demand-factor 1.0] \
 *     [--with-positions] [LABEL=RULES_FILE ...]
 * </pre>
 *
 * <p>Each {@code LABEL=RULES_FILE} is evaluated in the same run beside the shipped rules, its rules
 * renamed {@code LABEL_name}: the way to compare levels side by side on the same week, e.g. the
 * rules before a change: {@code git show HEAD~1:jobs/src/main/resources/alert-rules.json >
 * /tmp/before.json}, then {@code before=/tmp/before.json}.
 *
 * <p>The {@code pages} column says how the shipped Alertmanager configuration treats the rule's
 * severity: {@code critical} pages the on-call manager, {@code warning} goes to the control room's
 * channel, {@code info} stays on the boards (no notification).
 */
public final class AlertsWeekReport {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private AlertsWeekReport() {}

  public static void main(String[] args) throws Exception {
    int days = 7;
    double demandFactor = 1;
    boolean positions = false;
    List<String> extraRules = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--days")) {
        days = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--with-positions")) {
        positions = true;
      } else if (args[i].equals("--demand-factor")) {
        demandFactor = Double.parseDouble(args[++i]);
      } else {
        extraRules.add(args[i]);
      }
    }
    Path rulesFile = Files.createTempFile("alerts-report-rules", ".json");
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> severities = writeRules(rulesFile, extraRules, labels);
    System.out.printf(
        "alerts report: %d simulated days at %.2f times ordinary demand, load %s%n",
        days, demandFactor, ReplayBenchmark.loadAverage());
    SimSettings week =
        ReplayBenchmark.weekSettings(days, SimSettings.defaults().seed(), positions ? 30 : 0);
    week = week.withDemand(week.demand().withDemandFactor(demandFactor));
    List<ProducerRecord<byte[], byte[]>> records =
        SimulatedFeeds.producerRecords(week, positions ? SimulatedFeeds.ALL : SimulatedFeeds.CAD);
    try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
      kafka.createContractTopics(4);
      kafka.produce(records);
      JobSettings settings =
          JobSettings.parse(
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--influx-url",
              "http://unused",
              "--alert-rules",
              rulesFile.toString(),
              "--replay");
      Path checkpoints = Files.createTempDirectory("alerts-report-checkpoints");
      Configuration conf = new Configuration();
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
      env.enableCheckpointing(settings.checkpointInterval().toMillis());
      CollectingSink<Alert> alerts = new CollectingSink<>();
      OpsAnalyticsWorkflow.define(
          env,
          settings,
          KafkaEndpoints.inputs(settings),
          new OpsAnalyticsWorkflow.Outputs(
              new ReplayBenchmark.CountingSink(),
              KafkaEndpoints.deadLetterSink(settings),
              alerts,
              null));
      env.execute("alerts-week-report");

      Map<String, Map<LocalDate, Integer>> fired = new TreeMap<>();
      Map<LocalDate, Integer> perDay = new TreeMap<>();
      for (Alert a : alerts.collected()) {
        if (a.state() == Alert.State.FIRING) {
          LocalDate day = a.time().atZone(LONDON).toLocalDate();
          fired.computeIfAbsent(a.rule(), r -> new TreeMap<>()).merge(day, 1, Integer::sum);
          perDay.merge(day, 1, Integer::sum);
        }
      }
      System.out.printf("%-44s %-8s %s%n", "rule", "severity", perDay.keySet());
      Map<String, Map<LocalDate, Integer>> pagesPerLabel = new TreeMap<>();
      fired.forEach(
          (rule, byDay) -> {
            StringBuilder row = new StringBuilder();
            for (LocalDate d : perDay.keySet()) {
              row.append(String.format("%4d", byDay.getOrDefault(d, 0)));
            }
            String severity = severities.get(rule);
            System.out.printf("%-44s %-8s %s%n", rule, severity, row);
            if (severity.equals("critical")) {
              String label = labels.getOrDefault(rule, "shipped");
              byDay.forEach(
                  (d, n) ->
                      pagesPerLabel
                          .computeIfAbsent(label, l -> new TreeMap<>())
                          .merge(d, n, Integer::sum));
            }
          });
      pagesPerLabel.forEach(
          (label, byDay) -> {
            StringBuilder row = new StringBuilder();
            for (LocalDate d : perDay.keySet()) {
              row.append(String.format("%4d", byDay.getOrDefault(d, 0)));
            }
            System.out.printf("%-44s %-8s %s%n", "pages, " + label + " rules", "critical", row);
          });
      System.out.printf("load: %s%n", ReplayBenchmark.loadAverage());
    }
    Files.deleteIfExists(rulesFile);
  }

  /**
   * Writes the shipped rules and each {@code LABEL=FILE}'s, renamed {@code LABEL_name}, into one
   * rules file; returns each rule's severity by name, and puts each renamed rule's label.
   */
  private static Map<String, String> writeRules(
      Path target, List<String> extra, Map<String, String> labels) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root;
    try (InputStream in =
        AlertRules.class.getClassLoader().getResourceAsStream(AlertRules.DEFAULT_RESOURCE)) {
      root = (ObjectNode) json.readTree(in);
    }
    ArrayNode rules = (ArrayNode) root.get("rules");
    for (String labelled : extra) {
      int eq = labelled.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected LABEL=RULES_FILE, got " + labelled);
      }
      String label = labelled.substring(0, eq);
      for (JsonNode rule :
          json.readTree(Path.of(labelled.substring(eq + 1)).toFile()).get("rules")) {
        ObjectNode renamed = ((ObjectNode) rule).deepCopy();
        String name = rule.get("name").asText();
        renamed.put("alert", rule.has("alert") ? rule.get("alert").asText() : name);
        renamed.put("name", label + "_" + name);
        labels.put(label + "_" + name, label);
        rules.add(renamed);
      }
    }
    Files.writeString(target, json.writeValueAsString(root));
    Map<String, String> severities = new TreeMap<>();
    for (AlertRule rule : AlertRules.fromFile(target)) {
      severities.put(rule.name(), rule.severity());
    }
    return severities;
  }
}
