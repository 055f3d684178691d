package uk.ambulance.ops.generators.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.ambulance.ops.events.kafka.KafkaClientProperties;
import uk.ambulance.ops.generators.output.KafkaSink;

/** The Kafka connection options shared by every command that publishes (a picocli mixin). */
final class KafkaOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--kafka-properties",
      paramLabel = "FILE",
      description =
          "Kafka client settings (security.protocol, sasl.*, ssl.*), see README; secrets via"
              + " $${env:NAME} or $${file:PATH:KEY}")
  String propertiesFile;

  private Long deliveryTimeoutS;

  @Option(
      names = "--delivery-timeout-s",
      paramLabel = "N",
      description =
          "keep retrying a record while Kafka is unreachable this long, then fail (default "
              + KafkaSink.DEFAULT_DELIVERY_TIMEOUT_S
              + ")")
  void deliveryTimeoutS(long seconds) {
    if (seconds < 1 || seconds > Integer.MAX_VALUE / 1000) {
      throw new ParameterException(
          spec.commandLine(),
          "--delivery-timeout-s must be a whole number from 1 to "
              + Integer.MAX_VALUE / 1000
              + ", got "
              + seconds);
    }
    deliveryTimeoutS = seconds;
  }

  /** A sink to {@code bootstrap} as the options say; a bad properties file is a usage error. */
  KafkaSink sink(String bootstrap) {
    Duration timeout =
        Duration.ofSeconds(
            deliveryTimeoutS == null ? KafkaSink.DEFAULT_DELIVERY_TIMEOUT_S : deliveryTimeoutS);
    try {
      KafkaClientProperties client =
          propertiesFile != null
              ? KafkaClientProperties.load(Path.of(propertiesFile))
              : KafkaClientProperties.NONE;
      return new KafkaSink(bootstrap, client, timeout);
    } catch (IllegalArgumentException | ConfigException e) {
      // ConfigException: a value Kafka refuses, such as an unknown security.protocol.
      throw new ParameterException(
          spec.commandLine(), "--kafka-properties: " + e.getMessage().replace('\n', ' '));
    }
  }

  /** The Kafka options make no sense without Kafka. */
  void refuseWithoutKafka() {
    String given =
        propertiesFile != null
            ? "--kafka-properties"
            : deliveryTimeoutS != null ? "--delivery-timeout-s" : null;
    if (given != null) {
      throw new ParameterException(spec.commandLine(), given + " applies to --bootstrap only");
    }
  }
}
