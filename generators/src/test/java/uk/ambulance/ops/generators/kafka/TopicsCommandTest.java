package uk.ambulance.ops.generators.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.CliTest;

/**
 * {@code generators topics}, which deploy/docker-compose.yml runs before anything else, against a
 * real (in-JVM) broker: it creates every topic of events' Topics with the partitions asked for, and
 * a second run leaves them as they are.
 */
@Tag("kafka")
@Tag("cluster") // starts real components: run by ./mvnw verify, not the fast tier
class TopicsCommandTest {
  @Test
  void createsTheContractsTopicsOnceAndLeavesThemAlone() throws Exception {
    try (KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .build()) {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      String bootstrap = cluster.bootstrapServers();

      CliTest.Outcome first = CliTest.run("topics", "--bootstrap", bootstrap, "--partitions", "3");
      assertThat(first.code()).as(first.err()).isZero();
      CliTest.Outcome again = CliTest.run("topics", "--bootstrap", bootstrap, "--partitions", "6");
      assertThat(again.code()).as(again.err()).isZero();

      List<String> all = new ArrayList<>(Topics.INPUTS);
      all.addAll(Topics.OUTPUTS);
      for (String topic : all) {
        assertThat(first.out()).contains("topic " + topic + " created");
        assertThat(again.out()).contains("topic " + topic + " exists");
      }
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        Map<String, TopicDescription> described =
            admin.describeTopics(all).allTopicNames().get(30, TimeUnit.SECONDS);
        for (String input : Topics.INPUTS) {
          assertThat(described.get(input).partitions()).as(input).hasSize(3);
        }
        for (String output : Topics.OUTPUTS) {
          assertThat(described.get(output).partitions()).as(output).hasSize(1);
        }
      }
    }
  }

  @Test
  void aBrokerThatNeverAnswersIsOneLineAndExitOne() {
    CliTest.Outcome o = CliTest.run("topics", "--bootstrap", "127.0.0.1:1", "--timeout-s", "2");
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err().lines()).singleElement().asString().contains("did not answer");
  }
}
