package uk.ambulance.ops.jobs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
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
import uk.ambulance.ops.jobs.testing.CollectingSink;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;

/**
 * How often the shipped rules would page over an ordinary simulated week (CAD only, as {@link
 * ReplayBenchmark} simulates it): FIRING transitions per London day per rule, as the job writes
 * them to {@code ops.alerts}, before Alertmanager groups them. The goal is fewer than 3 a day in
 * all outside real trouble. A figure, not a test; rules on live-only (wall-clock) figures and on
 * vehicle positions do not fire in a CAD-only replay.
 *
 * <pre>
 * mvn -B -o -q -pl events,generators,jobs -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/test-classpath.txt) \
 *     uk.ambulance.ops.jobs.bench.AlertsWeekReport [DAYS]
 * </pre>
 */
public final class AlertsWeekReport {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private AlertsWeekReport() {}

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    System.out.printf(
        "alerts report: %d ordinary simulated days, load %s%n",
        days, ReplayBenchmark.loadAverage());
    List<ProducerRecord<byte[], byte[]>> records =
        ReplayBenchmark.simulate(days, SimSettings.defaults().seed());
    try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
      kafka.createContractTopics(4);
      kafka.produce(records);
      JobSettings settings =
          JobSettings.parse(
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--influx-url",
              "http://unused",
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
      System.out.printf("%-30s %s%n", "rule", perDay.keySet());
      fired.forEach(
          (rule, byDay) -> {
            StringBuilder row = new StringBuilder();
            for (LocalDate d : perDay.keySet()) {
              row.append(String.format("%4d", byDay.getOrDefault(d, 0)));
            }
            System.out.printf("%-30s %s%n", rule, row);
          });
      StringBuilder total = new StringBuilder();
      perDay.values().forEach(n -> total.append(String.format("%4d", n)));
      System.out.printf("%-30s %s%n", "all rules", total);
      System.out.printf("load: %s%n", ReplayBenchmark.loadAverage());
    }
  }
}
