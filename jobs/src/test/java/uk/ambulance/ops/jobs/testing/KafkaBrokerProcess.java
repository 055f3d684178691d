package uk.ambulance.ops.jobs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in a JVM of its own (KRaft, broker and controller in one process, as the
 * local stack runs it), launched from the jars on the test classpath. Unlike {@link EmbeddedKafka}
 * it can be stopped and started again on the same port and log directory, which is what a broker
 * restart looks like to its clients. Plaintext, or SASL_SSL with SCRAM-SHA-512 users created when
 * the storage is formatted ({@code kafka-storage format --add-scram}).
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  /** A SCRAM user. */
  public record Scram(String user, String password) {
    String formatArgument() {
      return "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]";
    }
  }

  /** TLS from {@code tls} and SCRAM: {@code broker} for itself, {@code clients} for the rest. */
  public record SaslSsl(SelfSignedTls tls, Scram broker, List<Scram> clients) {}

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  private static final String STARTED = "Kafka Server started";

  private final Path dir;
  private final SaslSsl security;
  private final int port;
  private final int controllerPort;
  private Process process;
  private boolean formatted;

  private KafkaBrokerProcess(Path dir, SaslSsl security) throws IOException {
    this.dir = dir;
    this.security = security;
    int[] ports = freePorts(2);
    this.port = ports[0];
    this.controllerPort = ports[1];
  }

  public static KafkaBrokerProcess plaintext(Path dir) throws IOException {
    return new KafkaBrokerProcess(dir, null);
  }

  public static KafkaBrokerProcess saslSsl(Path dir, SaslSsl security) throws IOException {
    return new KafkaBrokerProcess(dir, security);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public Path log() {
    return dir.resolve("broker.log");
  }

  /** The log's last {@code lines} lines: what a failing test shows of the broker. */
  public String logTail(int lines) throws IOException {
    if (!Files.exists(log())) {
      return "(no broker log)";
    }
    List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Starts the broker (formatting its storage the first time) and waits until it serves. */
  public KafkaBrokerProcess start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the broker is already running");
    }
    if (!formatted) {
      writeConfig();
      format();
      formatted = true;
    }
    long logOffset = Files.exists(log()) ? Files.size(log()) : 0;
    List<Path> classpath = testClasspath();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms64m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
            "-cp",
            String.join(
                java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()),
            "kafka.Kafka",
            dir.resolve("server.properties").toString());
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    process = builder.start();
    waitUntilStarted(logOffset);
    return this;
  }

  /** Stops the broker as an operator would (SIGTERM, a clean shutdown) and waits for its exit. */
  public void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    process = null;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void waitUntilStarted(long logOffset) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (logSince(logOffset).contains(STARTED)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the broker exited with " + process.exitValue() + ", see " + log());
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling interval; the loop checks the log
    }
    stop();
    throw new IllegalStateException(
        "the broker did not start in " + START_TIMEOUT + ", see " + log());
  }

  private String logSince(long offset) throws IOException {
    if (!Files.exists(log())) {
      return "";
    }
    byte[] bytes = Files.readAllBytes(log());
    return new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
  }

  private void writeConfig() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    String listenerProtocol = security == null ? "PLAINTEXT" : "SASL_SSL";
    StringBuilder config =
        new StringBuilder(
            """
            process.roles=broker,controller
            node.id=1
            controller.quorum.voters=1@127.0.0.1:%2$d
            listeners=BROKER://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
            advertised.listeners=BROKER://127.0.0.1:%1$d
            controller.listener.names=CONTROLLER
            inter.broker.listener.name=BROKER
            listener.security.protocol.map=CONTROLLER:PLAINTEXT,BROKER:%3$s
            log.dirs=%4$s
            offsets.topic.replication.factor=1
            transaction.state.log.replication.factor=1
            transaction.state.log.min.isr=1
            share.coordinator.state.topic.replication.factor=1
            share.coordinator.state.topic.min.isr=1
            group.initial.rebalance.delay.ms=0
            log.retention.ms=-1
            """
                .formatted(port, controllerPort, listenerProtocol, dir.resolve("data")));
    if (security != null) {
      SelfSignedTls tls = security.tls();
      config.append(
          """
          sasl.enabled.mechanisms=SCRAM-SHA-512
          sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
          listener.name.broker.scram-sha-512.sasl.jaas.config=%s
          ssl.keystore.type=PKCS12
          ssl.keystore.location=%s
          ssl.keystore.password=%s
          ssl.key.password=%s
          ssl.truststore.type=PEM
          ssl.truststore.location=%s
          """
              .formatted(
                  SelfSignedTls.scramJaas(security.broker().user(), security.broker().password()),
                  tls.keystore(),
                  tls.password(),
                  tls.password(),
                  tls.certificatePem()));
    }
    Files.writeString(dir.resolve("server.properties"), config.toString());
    Files.writeString(
        dir.resolve("log4j2.properties"),
        """
        rootLogger.level = INFO
        rootLogger.appenderRef.out.ref = out
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = [%d] %p %m (%c)%n
        logger.state.name = state.change.logger
        logger.state.level = WARN
        """);
  }

  /** Formats the storage in this JVM (Kafka's StorageTool), creating the SCRAM users. */
  private void format() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "format",
                "-t",
                org.apache.kafka.common.Uuid.randomUuid().toString(),
                "-c",
                dir.resolve("server.properties").toString()));
    if (security != null) {
      List<Scram> users = new ArrayList<>(security.clients());
      users.add(security.broker());
      for (Scram user : users) {
        args.addAll(List.of("--add-scram", user.formatArgument()));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        kafka.tools.StorageTool.execute(
            args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException("formatting failed: " + out.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * The test's classpath, which holds the broker's jars (kafka-test-common-runtime brings them).
   */
  private static List<Path> testClasspath() {
    // Surefire and failsafe start the test JVM from a manifest-only jar; they pass the real
    // classpath in this property.
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<Path> paths = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        paths.add(Path.of(entry));
      }
    }
    return paths;
  }

  /** Free loopback ports, all held open together so that none is handed out twice. */
  public static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
