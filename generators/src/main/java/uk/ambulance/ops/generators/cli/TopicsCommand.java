package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.ambulance.ops.events.Topics;

/**
 * {@code topics}: creates the contract's topics, the names from {@link Topics} and nowhere else,
 * when they are absent. The inputs get {@code --partitions}, the outputs one partition (alerts and
 * refused records are few, and one partition keeps them in order). A topic that exists is left
 * alone, whatever its partitions: changing it is a deliberate act.
 */
@Command(
    name = "topics",
    customSynopsis = "generators topics --bootstrap HOST:PORT [--partitions N]",
    description = "create the system's Kafka topics if they are absent")
public final class TopicsCommand extends GeneratorCommand {
  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      required = true,
      description = "Kafka (required)")
  String bootstrap;

  int partitions;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "4",
      description = "partitions of each input topic (default ${DEFAULT-VALUE})")
  void partitions(int n) {
    partitions = (int) inRange("--partitions", n, 1, 10_000);
  }

  Duration timeout;

  @Option(
      names = "--timeout-s",
      paramLabel = "N",
      defaultValue = "120",
      description = "wait this long for the broker to answer (default ${DEFAULT-VALUE})")
  void timeoutS(long seconds) {
    timeout = Duration.ofSeconds(inRange("--timeout-s", seconds, 1, 3600));
  }

  /** The help's description: the topic names come from {@link Topics}, so they are set here. */
  static String[] description() {
    return new String[] {
      "create the system's Kafka topics if they are absent",
      "",
      "Creates the topics the system uses, if absent: "
          + String.join(", ", Topics.INPUTS)
          + " (--partitions each) and "
          + String.join(", ", Topics.OUTPUTS)
          + " (1 each). Waits for the broker first."
    };
  }

  @Override
  int run(PrintStream out, PrintStream err) throws IOException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    List<NewTopic> wanted = new ArrayList<>();
    Topics.INPUTS.forEach(t -> wanted.add(new NewTopic(t, partitions, (short) 1)));
    Topics.OUTPUTS.forEach(t -> wanted.add(new NewTopic(t, 1, (short) 1)));
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = topicsOnceTheBrokerAnswers(admin);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      for (var created : admin.createTopics(missing).values().entrySet()) {
        try {
          created.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) { // another client won the race
            throw new IOException("could not create " + created.getKey(), e.getCause());
          }
        }
      }
      Map<String, TopicDescription> described =
          admin
              .describeTopics(wanted.stream().map(NewTopic::name).toList())
              .allTopicNames()
              .get(30, TimeUnit.SECONDS);
      for (NewTopic t : wanted) {
        out.printf(
            "topic %s %s, %d partition(s)%n",
            t.name(),
            existing.contains(t.name()) ? "exists" : "created",
            described.get(t.name()).partitions().size());
      }
      return 0;
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("Kafka at " + bootstrap + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Retries listing the topics until the broker answers: an open port is not a ready broker. */
  private Set<String> topicsOnceTheBrokerAnswers(Admin admin)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return admin.listTopics().names().get(4, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          // No cause: the CLI reports the root cause's message, and this one says more.
          throw new IOException(
              "Kafka at "
                  + bootstrap
                  + " did not answer in "
                  + timeout.toSeconds()
                  + " s ("
                  + e
                  + ")");
        }
        TimeUnit.MILLISECONDS.sleep(500); // the broker is still starting: ask again shortly
      }
    }
  }
}
