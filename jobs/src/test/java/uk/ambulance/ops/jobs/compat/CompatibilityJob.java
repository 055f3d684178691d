package uk.ambulance.ops.jobs.compat;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.sink.influx.InfluxDbSink;

/**
 * The job as production runs it, live (unbounded Kafka sources, offsets committed on checkpoints),
 * with its real InfluxDB and dead-letter sinks, at the local stack's parallelism: the same graph
 * for the run that takes a fixture's savepoint and the run that restores it.
 */
final class CompatibilityJob {
  static final int PARALLELISM = 2;

  private CompatibilityJob() {}

  static JobSettings settings(String bootstrapServers, String influxUrl, String database) {
    return JobSettings.parse(
        "--bootstrap-servers",
        bootstrapServers,
        "--influx-url",
        influxUrl,
        "--influx-database",
        database,
        // The input stops at the end of each half: a partition that has no more records must not
        // be declared idle by the wall clock while the run waits (the option is a setting, not
        // state: a fixture restores with any value).
        "--idleness-s",
        "3600");
  }

  /** Submits the job; {@code config} says whether it restores from a savepoint. */
  static JobClient start(JobSettings settings, Configuration config) throws Exception {
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure must show
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(PARALLELISM);
    env.enableCheckpointing(1000);
    InfluxDbSink metrics =
        InfluxDbSink.builder()
            .setUrl(settings.influxUrl())
            .setDatabase(settings.influxDatabase())
            .build();
    OpsAnalyticsWorkflow.define(
        env,
        settings,
        KafkaEndpoints.inputs(settings),
        new OpsAnalyticsWorkflow.Outputs(metrics, KafkaEndpoints.deadLetterSink(settings)));
    return env.executeAsync("savepoint compatibility");
  }

  /** Whether the job's sources have committed (so checkpointed) every offset up to {@code ends}. */
  static boolean consumedUpTo(
      String bootstrapServers, String consumerGroup, Map<TopicPartition, Long> ends)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(consumerGroup);
      Map<TopicPartition, OffsetAndMetadata> committed =
          result.partitionsToOffsetAndMetadata().get();
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        OffsetAndMetadata offset = committed.get(end.getKey());
        long at = offset == null ? 0 : offset.offset();
        if (at < end.getValue()) {
          return false;
        }
      }
      return true;
    }
  }
}
