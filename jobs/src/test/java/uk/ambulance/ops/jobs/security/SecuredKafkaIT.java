package uk.ambulance.ops.jobs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import uk.ambulance.ops.events.Metrics.Pipeline;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.Cli;
import uk.ambulance.ops.generators.output.NdjsonFiles;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.FlinkCluster;
import uk.ambulance.ops.jobs.testing.KafkaBrokerProcess;
import uk.ambulance.ops.jobs.testing.KafkaBrokerProcess.Scram;
import uk.ambulance.ops.jobs.testing.ReplayRun;
import uk.ambulance.ops.jobs.testing.SelfSignedTls;

/**
 * Against a real broker that only speaks SASL_SSL with SCRAM-SHA-512 (users created at format time,
 * a self-signed certificate made here): the simulator publishes with its password in the
 * environment, the whole job reads the three topics and writes its dead letters with its password
 * in a file, both named through Kafka's config providers in {@code --kafka-properties}; the wrong
 * password is refused; and the password appears in no output.
 */
class SecuredKafkaIT {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

  private static final String[] SIMULATION = {
    "--hours",
    "1",
    "--start",
    "2026-04-06T08:00:00Z",
    "--seed",
    "7",
    "--no-avl",
    "--malformed",
    "0.02",
    "--quiet"
  };
  private static final Scram OPS = new Scram("ops", "ops-" + UUID.randomUUID());

  @TempDir static Path dir;
  private static KafkaBrokerProcess broker;
  private static SelfSignedTls tls;

  @BeforeAll
  static void startASecuredBroker() throws Exception {
    tls = SelfSignedTls.create(dir, "store-" + UUID.randomUUID());
    Scram brokerUser = new Scram("broker", "broker-" + UUID.randomUUID());
    broker =
        KafkaBrokerProcess.saslSsl(
                dir.resolve("broker"),
                new KafkaBrokerProcess.SaslSsl(tls, brokerUser, List.of(OPS)))
            .start();
  }

  @AfterAll
  static void stopTheBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /** What every client file says; only where the password comes from differs. */
  private static String clientProperties(String passwordReference) {
    return """
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-512
        ssl.truststore.type=PEM
        ssl.truststore.location=%s
        config.providers=env,file
        config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
        config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
            username="%s" password="%s";
        """
        .formatted(tls.certificatePem(), OPS.user(), passwordReference);
  }

  @Test
  void simulatorPublishesAndTheJobReadsAndWritesThroughSaslSsl() throws Exception {
    // The simulator's password from the environment, as an operator would pass it.
    Path envFile = dir.resolve("simulator-kafka.properties");
    Files.writeString(envFile, clientProperties("${env:KAFKA_PASSWORD}"));
    // The job's from a secrets file, as a container platform would mount it.
    Path secrets = dir.resolve("kafka-secrets.properties");
    Files.writeString(secrets, "password=" + OPS.password() + "\n");
    Path jobFile = dir.resolve("job-kafka.properties");
    Files.writeString(jobFile, clientProperties("${file:" + secrets + ":password}"));
    Properties admin = loadWithBrokers(jobFile);
    createTopics(admin);

    Path files = dir.resolve("files");
    assertThat(Cli.run(args("--out", files.toString()), System.out, System.err)).isZero();
    Map<String, Long> published = linesPerTopic(files);

    String simulatorOutput =
        runSimulatorProcess(
            Map.of("KAFKA_PASSWORD", OPS.password()),
            args(
                "--bootstrap",
                broker.bootstrapServers(),
                "--speed",
                "max",
                "--kafka-properties",
                envFile.toString()));
    assertThat(endOffsets(admin, published.keySet()))
        .as("what the simulator published over SASL_SSL")
        .isEqualTo(published);

    ReplayRun.Result run =
        ReplayRun.of(
            Pipeline.MEASUREMENT,
            broker.bootstrapServers(),
            "--kafka-properties",
            jobFile.toString());
    Map<String, Long> seen = new HashMap<>();
    long rejected = 0;
    for (InfluxPoint total : finalTotalsPerStream(run)) {
      long events =
          field(total, Pipeline.EVENTS)
              + field(total, Pipeline.REJECTED)
              + field(total, Pipeline.DUPLICATES);
      seen.put(total.tags().get(Pipeline.TAG_STREAM), events);
      rejected += field(total, Pipeline.REJECTED);
    }
    assertThat(seen.values().stream().mapToLong(Long::longValue).sum())
        .as("records the job read, per stream %s", seen)
        .isEqualTo(published.values().stream().mapToLong(Long::longValue).sum());
    assertThat(rejected).as("malformed copies the job refused").isPositive();
    assertThat(endOffsets(admin, List.of(Topics.OPS_DEADLETTER)).get(Topics.OPS_DEADLETTER))
        .as("dead letters the job wrote over SASL_SSL")
        .isEqualTo(rejected);

    assertThat(simulatorOutput).doesNotContain(OPS.password());
    assertThat(Files.readString(broker.log())).doesNotContain(OPS.password());
  }

  @Test
  void theWrongPasswordIsRefused() throws Exception {
    Path wrong = dir.resolve("wrong-kafka.properties");
    Files.writeString(wrong, clientProperties("not-" + OPS.password()));
    Properties props = loadWithBrokers(wrong);
    props.put("default.api.timeout.ms", "30000");
    try (Admin admin = Admin.create(props)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(1, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  private static String[] args(String... target) {
    List<String> all = new ArrayList<>(List.of("simulate"));
    all.addAll(List.of(target));
    all.addAll(List.of(SIMULATION));
    return all.toArray(String[]::new);
  }

  /** The generators' CLI in a JVM of its own, so that its environment holds the password. */
  private static String runSimulatorProcess(Map<String, String> env, String[] args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                Cli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Path output = dir.resolve("simulator.out");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the simulator finished").isTrue();
    String text = Files.readString(output);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }

  private static Properties loadWithBrokers(Path file) throws IOException {
    Properties p = new Properties();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
    }
    p.put("bootstrap.servers", broker.bootstrapServers());
    return p;
  }

  private static void createTopics(Properties props) throws Exception {
    try (Admin admin = Admin.create(props)) {
      List<NewTopic> topics = new ArrayList<>();
      for (String topic : Topics.INPUTS) {
        topics.add(new NewTopic(topic, 2, (short) 1));
      }
      topics.add(new NewTopic(Topics.OPS_DEADLETTER, 1, (short) 1));
      admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
    }
  }

  private static Map<String, Long> linesPerTopic(Path files) throws IOException {
    Map<String, Long> lines = new HashMap<>();
    for (String topic : Topics.INPUTS) {
      try (var stream = Files.lines(NdjsonFiles.fileFor(files, topic))) {
        lines.put(topic, stream.count());
      }
    }
    return lines;
  }

  /** Records in each topic: the sum of its partitions' end offsets (nothing is deleted). */
  private static Map<String, Long> endOffsets(
      Properties props, java.util.Collection<String> topics) {
    Properties p = new Properties();
    p.putAll(props);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Map<String, Long> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      for (String topic : topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer
            .partitionsFor(topic, Duration.ofMinutes(1))
            .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        long sum =
            consumer.endOffsets(partitions, Duration.ofMinutes(1)).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        counts.put(topic, sum);
      }
    }
    return counts;
  }

  /** The last pipeline point of each stream: the running totals at the end of the replay. */
  private static List<InfluxPoint> finalTotalsPerStream(ReplayRun.Result run) {
    Map<String, InfluxPoint> last = new HashMap<>();
    for (InfluxPoint p : run.points().values()) {
      last.merge(
          p.tags().get(Pipeline.TAG_STREAM),
          p,
          (a, b) -> field(a, Pipeline.EVENTS) >= field(b, Pipeline.EVENTS) ? a : b);
    }
    return List.copyOf(last.values());
  }

  private static long field(InfluxPoint p, String name) {
    return ((Number) p.fields().get(name)).longValue();
  }
}
