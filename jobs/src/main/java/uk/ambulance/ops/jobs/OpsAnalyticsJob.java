package uk.ambulance.ops.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import uk.ambulance.ops.jobs.sink.alertmanager.AlertmanagerSink;
import uk.ambulance.ops.jobs.sink.influx.InfluxApiVersion;
import uk.ambulance.ops.jobs.sink.influx.InfluxCredentials;
import uk.ambulance.ops.jobs.sink.influx.InfluxDbSink;
import uk.ambulance.ops.jobs.sink.influx.InfluxDbSinkBuilder;
import uk.ambulance.ops.jobs.sink.influx.InfluxToken;

/**
 * The analytics job: Kafka in, InfluxDB and the dead-letter topic out. Submitted to a Flink cluster
 * ({@code deploy/local/stack up} does it over the REST API) or run locally with {@code java -cp ...
 * uk.ambulance.ops.jobs.OpsAnalyticsJob --help}.
 */
public final class OpsAnalyticsJob {
  /** The name the job runs under; the local stack looks for it to avoid submitting twice. */
  public static final String JOB_NAME = "ops-analytics";

  private OpsAnalyticsJob() {}

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(JobSettings.HELP);
      return;
    }
    JobSettings settings;
    try {
      settings = JobSettings.parse(args);
    } catch (UsageException e) {
      System.err.println(JOB_NAME + ": " + e.getMessage());
      // Inside a JobManager (REST submission) exiting would take the cluster down: let Flink
      // report the error to the submitter instead.
      if (launchedFromCommandLine()) {
        System.exit(2);
      }
      throw e;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(settings.checkpointInterval().toMillis());
    OpsAnalyticsWorkflow.define(env, settings, inputs(settings), outputs(settings));
    env.execute(JOB_NAME);
  }

  static OpsAnalyticsWorkflow.Inputs inputs(JobSettings settings) {
    return KafkaEndpoints.inputs(settings);
  }

  static OpsAnalyticsWorkflow.Outputs outputs(JobSettings settings) {
    InfluxDbSinkBuilder influx =
        InfluxDbSink.builder()
            .setApiVersion(settings.influxApi())
            .setUrl(settings.influxUrl())
            .setDatabase(settings.influxDatabase())
            // Secrets only from the environment (or files it names), never from arguments.
            .setToken(InfluxToken.fromEnvironment());
    if (settings.influxApi() == InfluxApiVersion.V2) {
      influx.setOrganization(settings.influxOrg());
    } else {
      influx.setCredentials(InfluxCredentials.fromEnvironment());
    }
    InfluxDbSink metrics = influx.build();
    return new OpsAnalyticsWorkflow.Outputs(
        metrics,
        KafkaEndpoints.deadLetterSink(settings),
        KafkaEndpoints.alertSink(settings),
        settings.alerts().alertmanagerUrl() == null
            ? null
            : new AlertmanagerSink(settings.alerts(), JOB_NAME));
  }

  private static boolean launchedFromCommandLine() {
    return System.getProperty("sun.java.command", "").startsWith(OpsAnalyticsJob.class.getName());
  }
}
