package uk.ambulance.ops.generators.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;
import uk.ambulance.ops.generators.output.KafkaSink;

/** The Kafka connection options shared by every command that publishes. */
final class KafkaOptions {
  static final List<Option> OPTIONS =
      List.of(
          Option.of(
              "kafka-properties",
              "FILE",
              "Kafka client settings (security.protocol, sasl.*, ssl.*); secrets via"
                  + " ${env:NAME} or ${file:PATH:KEY}, see README"),
          Option.of(
              "delivery-timeout-s",
              "N",
              "keep retrying a record while Kafka is unreachable this long, then fail"
                  + " (default "
                  + KafkaSink.DEFAULT_DELIVERY_TIMEOUT.toSeconds()
                  + ")"));

  private KafkaOptions() {}

  /** The options of a publishing command: its own, then the Kafka ones, then {@code --help}. */
  static List<Option> with(List<Option> own) {
    List<Option> all = new java.util.ArrayList<>(own);
    all.addAll(all.size() - 1, OPTIONS);
    return List.copyOf(all);
  }

  /** A sink to {@code bootstrap} as the options say; a bad properties file is a usage error. */
  static KafkaSink sink(String command, Options o, String bootstrap) throws UsageException {
    Duration timeout =
        Duration.ofSeconds(
            o.longValue(
                "delivery-timeout-s",
                KafkaSink.DEFAULT_DELIVERY_TIMEOUT.toSeconds(),
                1,
                Integer.MAX_VALUE / 1000));
    try {
      KafkaClientProperties client =
          o.has("kafka-properties")
              ? KafkaClientProperties.load(Path.of(o.text("kafka-properties", "")))
              : KafkaClientProperties.NONE;
      return new KafkaSink(bootstrap, client, timeout);
    } catch (IllegalArgumentException | ConfigException e) {
      // ConfigException: a value Kafka refuses, such as an unknown security.protocol.
      throw new UsageException(command + ": --kafka-properties: " + e.getMessage());
    }
  }

  /** The Kafka options make no sense without Kafka. */
  static void refuseWithoutKafka(String command, Options o) throws UsageException {
    for (Option option : OPTIONS) {
      if (o.has(option.name())) {
        throw new UsageException(command + ": --" + option.name() + " applies to --bootstrap only");
      }
    }
  }
}
