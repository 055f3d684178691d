package uk.ambulance.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** {@code --kafka-properties}: what every Kafka client of the job starts from. */
class KafkaEndpointsTest {
  @TempDir Path dir;

  private static JobSettings parse(String... extra) {
    String[] base = {"--bootstrap-servers", "broker:9093", "--influx-url", "http://influx:8086"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return JobSettings.parse(args);
  }

  @Test
  void everyClientGetsTheFileAndTheBrokers() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        """
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-512
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \
        username="ops" password="written-in-the-file";
        """);

    JobSettings settings = parse("--kafka-properties", file.toString());
    Properties client = KafkaEndpoints.clientProperties(settings);

    assertThat(client)
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .hasSize(4);
    // The settings are printed in places (errors, the job's configuration): never a secret.
    assertThat(settings.toString()).doesNotContain("written-in-the-file");
  }

  @Test
  void withoutAFileOnlyTheBrokers() {
    assertThat(KafkaEndpoints.clientProperties(parse()))
        .containsOnlyKeys("bootstrap.servers")
        .containsEntry("bootstrap.servers", "broker:9093");
  }

  @Test
  void aMissingFileOrOneNamingTheBrokersIsOneLine() throws Exception {
    Path missing = dir.resolve("absent.properties");
    assertThatThrownBy(() -> parse("--kafka-properties", missing.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--kafka-properties")
        .hasMessageEndingWith(": no such file " + missing);
    Path brokers = dir.resolve("brokers.properties");
    Files.writeString(brokers, "bootstrap.servers=elsewhere:9092\n");
    assertThatThrownBy(() -> parse("--kafka-properties", brokers.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("must not set bootstrap.servers")
        .hasMessageNotContaining("\n");
  }
}
