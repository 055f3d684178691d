package uk.ambulance.ops.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
  @TempDir Path dir;

  @Test
  void readsEveryClientSettingAsWrittenAndNeverPrintsAValue() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        """
        # SASL_SSL with the password from the environment
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-512
        config.providers=env
        config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
            username="ops" password="literal-secret";
        """);

    KafkaClientProperties properties = KafkaClientProperties.load(file);

    assertThat(properties.asMap())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ops\""
                + " password=\"literal-secret\";")
        .hasSize(5);
    assertThat(properties.toProperties().getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(properties.toString())
        .contains(file.toString(), "sasl.jaas.config")
        .doesNotContain("literal-secret", "SASL_SSL");
  }

  @Test
  void aMissingOrMalformedFileIsOneLine() throws Exception {
    assertThatThrownBy(() -> KafkaClientProperties.load(dir.resolve("absent.properties")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such file " + dir.resolve("absent.properties"));
    Path malformed = dir.resolve("bad.properties");
    Files.writeString(malformed, "ssl.truststore.location=\\u00zz\n");
    assertThatThrownBy(() -> KafkaClientProperties.load(malformed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot read " + malformed)
        .hasMessageNotContaining("\n");
  }

  @Test
  void theBrokersAndWhatACommandSetsItselfAreRefused() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "bootstrap.servers=elsewhere:9092\n");
    assertThatThrownBy(() -> KafkaClientProperties.load(file))
        .hasMessage(
            file + " must not set bootstrap.servers: the brokers are given on the command line");

    Files.writeString(file, "acks=1\n");
    KafkaClientProperties properties = KafkaClientProperties.load(file);
    assertThatThrownBy(() -> properties.refuse(List.of("enable.idempotence", "acks"), "fixed"))
        .hasMessage(file + " must not set acks: fixed");
  }
}
