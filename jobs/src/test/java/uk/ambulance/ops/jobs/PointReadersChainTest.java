package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.jobs.testing.JobGraphs;

/**
 * The readers of only some of the job's points (the alert rules, the standard at risk) filter them
 * in each producer's own chain, so a point neither reads is never serialised for them. In the job
 * graph: no task starts with one of those readers, and each producer's task carries both.
 */
class PointReadersChainTest {
  private static final List<String> READERS = List.of("at-risk inputs", "alert rules");

  @Test
  void theReadersOfSomePointsRunInTheirProducersChains() {
    JobGraph graph = JobGraphs.wholeJob(new Configuration()).getStreamGraph().getJobGraph();

    List<String> tasks = new ArrayList<>();
    for (JobVertex v : graph.getVertices()) {
      tasks.add(v.getName());
    }
    assertThat(tasks)
        .as("tasks headed by a reader")
        .noneMatch(t -> READERS.stream().anyMatch(t::startsWith));
    // Flink names a task by its chain: "calls waiting -> (at-risk inputs, alert rules)".
    assertThat(tasks.stream().filter(t -> t.contains("-> (" + String.join(", ", READERS) + ")")))
        .as("producers carrying both readers in their chains")
        .hasSizeGreaterThan(8)
        .anyMatch(t -> t.startsWith("calls waiting"))
        .anyMatch(t -> t.startsWith("response times, rolling 1h"));
  }
}
