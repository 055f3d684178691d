package uk.ambulance.ops.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.KafkaEndpoints;
import uk.ambulance.ops.jobs.OpsAnalyticsWorkflow;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * The whole job in replay mode over what a broker holds, at parallelism 2 unless told, keeping the
 * final point per identity of one measurement: what InfluxDB would end up holding.
 */
public final class ReplayRun {
  private ReplayRun() {}

  /** The final points and how long the job ran. */
  public record Result(Map<String, InfluxPoint> points, double jobSeconds) {}

  public static Result of(String measurement, String bootstrapServers, String... extraArgs)
      throws Exception {
    return of(measurement, 2, bootstrapServers, extraArgs);
  }

  /** {@code measurement} null keeps every measurement (see {@link LatestPointsSink}). */
  public static Result of(
      String measurement, int parallelism, String bootstrapServers, String... extraArgs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-servers",
                bootstrapServers,
                "--influx-url",
                "http://unused",
                "--replay"));
    args.addAll(List.of(extraArgs));
    JobSettings job = JobSettings.parse(args.toArray(String[]::new));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
    env.setParallelism(parallelism);
    LatestPointsSink sink = new LatestPointsSink(measurement);
    OpsAnalyticsWorkflow.define(
        env,
        job,
        KafkaEndpoints.inputs(job),
        new OpsAnalyticsWorkflow.Outputs(sink, KafkaEndpoints.deadLetterSink(job)));
    long start = System.nanoTime();
    env.execute("replay of " + measurement);
    return new Result(sink.latest(), (System.nanoTime() - start) / 1e9);
  }
}
