package uk.ambulance.ops.jobs;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.jobs.cli.JobCommandLine;
import uk.ambulance.ops.jobs.sink.alertmanager.AlertmanagerSink;
import uk.ambulance.ops.jobs.sink.influx.InfluxApiVersion;
import uk.ambulance.ops.jobs.sink.influx.InfluxCredentials;
import uk.ambulance.ops.jobs.sink.influx.InfluxDbSink;
import uk.ambulance.ops.jobs.sink.influx.InfluxDbSinkBuilder;
import uk.ambulance.ops.jobs.sink.influx.InfluxToken;

/**
 * The analytics job: Kafka in, InfluxDB and the dead-letter topic out. Submitted to a Flink cluster
 * ({@code deploy/local/stack up} does it over the REST API). {@code java -jar <job jar> --help}
 * prints the options without a cluster (see {@link Launcher}).
 */
public final class OpsAnalyticsJob {
  /** The name the job runs under; the local stack looks for it to avoid submitting twice. */
  public static final String JOB_NAME = "ops-analytics";

  private OpsAnalyticsJob() {}

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(JobCommandLine.help());
      return;
    }
    JobSettings settings;
    try {
      settings = JobSettings.parse(args);
    } catch (ParameterException e) {
      System.err.println(JOB_NAME + ": " + Launcher.oneLine(e));
      // Inside a JobManager (REST submission) exiting would take the cluster down: let Flink
      // report the error to the submitter instead.
      if (launchedFromCommandLine()) {
        System.exit(2);
      }
      throw e;
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(checkpointing(settings));
    OpsAnalyticsWorkflow.define(env, settings, inputs(settings), outputs(settings));
    env.execute(JOB_NAME);
  }

  /**
   * Checkpoints every interval, kept when the job is cancelled or fails: a restart, a resubmission
   * or an upgrade resumes from them instead of starting empty from the committed offsets (which
   * would silently halve the day's figures). Wherever the job runs, not only in the local stack.
   */
  static Configuration checkpointing(JobSettings settings) {
    Configuration config = new Configuration();
    config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    config.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    return config;
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
