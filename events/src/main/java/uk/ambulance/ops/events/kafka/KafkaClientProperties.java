package uk.ambulance.ops.events.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client settings from a standard Java properties file, the {@code --kafka-properties FILE}
 * of the job, the simulator and the importer: {@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.truststore.location} and any other client setting.
 *
 * <p>Secrets stay out of command lines and logs: the file names them through Kafka's own config
 * providers ({@code config.providers=env,file}, then {@code ${env:KAFKA_PASSWORD}} or {@code
 * ${file:/run/secrets/kafka.properties:password}}), which the Kafka client resolves only when it
 * connects, on the machine where it runs. The values are kept as written and never printed: {@link
 * #toString()} names the keys only.
 */
public final class KafkaClientProperties implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No file: a plaintext connection with the project's own settings. */
  public static final KafkaClientProperties NONE =
      new KafkaClientProperties("no file", new TreeMap<>());

  /** The brokers are an option of every command, so a second place to say it is refused. */
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

  private final String source;
  private final TreeMap<String, String> values;

  private KafkaClientProperties(String source, TreeMap<String, String> values) {
    this.source = source;
    this.values = values;
  }

  /**
   * Reads {@code file}. A missing, unreadable or malformed file, or one that sets {@code
   * bootstrap.servers}, is an {@link IllegalArgumentException} whose message is one line.
   */
  public static KafkaClientProperties load(Path file) {
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      loaded.load(reader);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file " + file);
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a malformed \\uXXXX escape.
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    TreeMap<String, String> values = new TreeMap<>();
    loaded.stringPropertyNames().forEach(key -> values.put(key.trim(), loaded.getProperty(key)));
    KafkaClientProperties properties = new KafkaClientProperties(file.toString(), values);
    properties.refuse(
        java.util.List.of(BOOTSTRAP_SERVERS), "the brokers are given on the command line");
    return properties;
  }

  /** Refuses keys that the command sets itself, with the reason, in one line. */
  public void refuse(Collection<String> keys, String why) {
    for (String key : keys) {
      if (values.containsKey(key)) {
        throw new IllegalArgumentException(source + " must not set " + key + ": " + why);
      }
    }
  }

  /** A fresh copy to hand to a Kafka client (or to a connector's builder). */
  public Properties toProperties() {
    Properties p = new Properties();
    p.putAll(values);
    return p;
  }

  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Where the settings came from and which keys they set; never the values (they may be secret).
   */
  @Override
  public String toString() {
    return "Kafka client properties from " + source + " " + values.keySet();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaClientProperties other
        && source.equals(other.source)
        && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + values.hashCode();
  }
}
