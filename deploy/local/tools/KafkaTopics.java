import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Readiness probe and topic creation for deploy/local/stack, run as a single-file program:
 *
 * <pre>java -cp '$STACK_HOME/lib/kafka/*' [-Dkafka.client.properties=FILE] KafkaTopics.java BOOTSTRAP DEADLINE_SECONDS [topic:partitions ...]</pre>
 *
 * <p>One JVM does both jobs because a JVM start costs seconds on these 2-core machines. It first
 * retries a topic-list (metadata) call until the broker answers or the deadline passes -- an open
 * port alone does not mean the broker has finished starting. Then it creates the topics that are
 * absent (replication factor 1: there is one broker) and reports each one. A topic that exists
 * with fewer partitions than asked for is reported but left alone: changing it is a deliberate act.
 *
 * <p>Exit codes: 0 done, 2 usage, 3 broker not ready before the deadline, 4 topic creation failed.
 */
public class KafkaTopics {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: KafkaTopics BOOTSTRAP DEADLINE_SECONDS [topic:partitions ...]");
      System.exit(2);
    }
    String bootstrap = args[0];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
    Map<String, Integer> wanted = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] nameAndCount = args[i].split(":", 2);
      wanted.put(nameAndCount[0], nameAndCount.length > 1 ? Integer.parseInt(nameAndCount[1]) : 1);
    }

    Properties props = new Properties();
    // KAFKA_SECURITY=sasl_ssl: the stack's client settings (SASL_SSL, trust store, and where
    // the password is), the same file the job and the simulator get with --kafka-properties.
    String clientFile = System.getProperty("kafka.client.properties");
    if (clientFile != null) {
      try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(clientFile))) {
        props.load(reader);
      }
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    // Keep reconnect attempts quick while the broker is still coming up.
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = waitForTopicList(admin, deadline);
      if (existing == null) {
        System.err.println("broker at " + bootstrap + " did not answer a topic-list call in time");
        System.exit(3);
      }
      System.out.println("metadata ok: " + existing.size() + " topic(s)");
      createMissing(admin, wanted, existing);
    }
  }

  /** The topic names, or null when the broker did not answer before the deadline. */
  private static Set<String> waitForTopicList(Admin admin, long deadline) throws InterruptedException {
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        return admin.listTopics(new ListTopicsOptions().timeoutMs(3000)).names().get(4, TimeUnit.SECONDS);
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        last = e;
        Thread.sleep(250); // poll interval, bounded by the deadline above
      }
    }
    if (last != null) {
      System.err.println("last error: " + last);
    }
    return null;
  }

  private static void createMissing(Admin admin, Map<String, Integer> wanted, Set<String> existing)
      throws Exception {
    List<NewTopic> toCreate = new ArrayList<>();
    for (Map.Entry<String, Integer> t : wanted.entrySet()) {
      if (!existing.contains(t.getKey())) {
        toCreate.add(new NewTopic(t.getKey(), t.getValue(), (short) 1));
      }
    }
    boolean failed = false;
    if (!toCreate.isEmpty()) {
      for (Map.Entry<String, ?> r : admin.createTopics(toCreate).values().entrySet()) {
        try {
          ((org.apache.kafka.common.KafkaFuture<?>) r.getValue()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) { // lost a race: fine
            System.err.println("could not create " + r.getKey() + ": " + e.getCause());
            failed = true;
          }
        }
      }
    }
    // Report what is actually there, created now or before.
    Map<String, TopicDescription> described = describeWhenKnown(admin, wanted.keySet());
    for (Map.Entry<String, Integer> t : wanted.entrySet()) {
      TopicDescription d = described.get(t.getKey());
      int have = d == null ? 0 : d.partitions().size();
      String how = existing.contains(t.getKey()) ? "exists" : "created";
      String note = have < t.getValue() ? " (fewer than the " + t.getValue() + " asked for; left alone)" : "";
      System.out.println("topic " + t.getKey() + " " + how + ", " + have + " partition(s)" + note);
    }
    if (failed) {
      System.exit(4);
    }
  }

  /**
   * A topic just created may not be in the broker's metadata yet (UnknownTopicOrPartition for a
   * moment): ask again, for up to 30 s, rather than fail a fresh 'up' one time in ten.
   */
  private static Map<String, TopicDescription> describeWhenKnown(Admin admin, Set<String> names)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200); // poll interval, bounded by the deadline above
      }
    }
  }
}
