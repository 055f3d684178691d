package uk.ambulance.ops.jobs.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;

/** The whole job with its default settings, defined but not run: for tests of its graph. */
public final class JobGraphs {
  private JobGraphs() {}

  public static StreamExecutionEnvironment wholeJob(Configuration config) {
    JobSettings settings = JobSettings.defaults();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        KafkaEndpoints.inputs(settings),
        new OpsAnalyticsWorkflow.Outputs(
            new DiscardingSink<>(), KafkaEndpoints.deadLetterSink(settings)));
    return env;
  }
}
