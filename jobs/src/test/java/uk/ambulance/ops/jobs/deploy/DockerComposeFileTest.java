package uk.ambulance.ops.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.cli.Commands;
import uk.ambulance.ops.jobs.JobSettings;

/**
 * deploy/docker-compose.yml, checked offline: {@code docker-compose config} (the Compose tool's own
 * validation, no Docker daemon needed) with the values of deploy/.env.example, then what config
 * cannot check, on the configuration it resolved: every command line goes through the real parser
 * of the program it starts (the job's, the generators'), built images come from the Dockerfile's
 * targets on the cluster's Flink image, every service is health-checked or a one-shot, every
 * dependency waits for health or completion, every mounted repo path exists, no two services
 * publish the same host port, images are pinned, and no secret has a default. What needs a Docker
 * engine (building and running the images) is not tested here.
 */
class DockerComposeFileTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path DEPLOY = REPO.resolve("deploy");
  private static final Path COMPOSE = DEPLOY.resolve("docker-compose.yml");
  private static final Path ENV_EXAMPLE = DEPLOY.resolve(".env.example");
  private static final String INSTALL_HINT =
      "docker-compose not found: install it with"
          + " `sudo apt-get install -y --no-install-recommends docker-compose` (Debian/Ubuntu;"
          + " .ci/run does it). `docker compose` v2 also works: set DOCKER_COMPOSE=\"docker compose\"";

  private static JsonNode services;

  record Result(int exitCode, String output) {}

  @BeforeAll
  static void resolveTheFileWithTheExampleValues() throws Exception {
    Result result = compose(ENV_EXAMPLE, "config");
    if (result.exitCode() != 0) {
      fail("docker-compose config rejected deploy/docker-compose.yml:\n" + result.output());
    }
    services = new YAMLMapper().readTree(result.output()).path("services");
    assertThat(services.size()).as("services").isGreaterThan(0);
  }

  @Test
  void theFileNamesTheWholeSystem() {
    assertThat(names(services))
        .contains(
            "kafka",
            "kafka-topics",
            "influxdb",
            "jobmanager",
            "taskmanager",
            "job-submit",
            "grafana",
            "simulator");
  }

  @Test
  void everySecretMustBeSetAndHasNoDefault() throws Exception {
    Path empty = Files.createTempFile("empty", ".env");
    try {
      Result result = compose(empty, "config", "-q");
      assertThat(result.exitCode()).as(result.output()).isNotZero();
      assertThat(result.output()).contains("in deploy/.env (see .env.example)");
    } finally {
      Files.delete(empty);
    }
    // The example's values reach the services, so a missing or misspelt variable shows here.
    assertThat(env("grafana", "GF_SECURITY_ADMIN_PASSWORD")).isEqualTo("change-me-grafana-admin");
    assertThat(env("influxdb", "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN"))
        .isEqualTo("change-me-influx-token");
    assertThat(env("job-submit", "INFLUX_TOKEN")).isEqualTo("change-me-influx-token");
    assertThat(env("grafana", "GRAFANA_INFLUX_PASSWORD"))
        .isEqualTo(env("influxdb", "GRAFANA_INFLUX_PASSWORD"));
  }

  @Test
  void grafanaShowsDashboardsToAnonymousViewersOnly() {
    assertThat(env("grafana", "GF_AUTH_ANONYMOUS_ENABLED")).isEqualTo("true");
    assertThat(env("grafana", "GF_AUTH_ANONYMOUS_ORG_ROLE")).isEqualTo("Viewer");
    assertThat(env("grafana", "GF_USERS_ALLOW_SIGN_UP")).isEqualTo("false");
  }

  @Test
  void everyServiceIsHealthCheckedOrAOneShotAndDependenciesWaitForIt() {
    Set<String> completedDependencies = new HashSet<>();
    services
        .properties()
        .forEach(
            s ->
                s.getValue()
                    .path("depends_on")
                    .properties()
                    .forEach(
                        d -> {
                          String condition = d.getValue().path("condition").asText();
                          assertThat(condition)
                              .as("%s waits for %s", s.getKey(), d.getKey())
                              .isIn("service_healthy", "service_completed_successfully");
                          if (condition.equals("service_healthy")) {
                            assertThat(services.path(d.getKey()).has("healthcheck"))
                                .as("%s waits for %s to be healthy", s.getKey(), d.getKey())
                                .isTrue();
                          } else {
                            completedDependencies.add(d.getKey());
                          }
                        }));
    services
        .properties()
        .forEach(
            s -> {
              JsonNode service = s.getValue();
              boolean oneShot =
                  completedDependencies.contains(s.getKey())
                      || service
                          .path("labels")
                          .path("uk.ambulance.ops.one-shot")
                          .asText()
                          .equals("true");
              if (oneShot) {
                assertThat(service.path("restart").asText("no"))
                    .as("one-shot %s is not restarted", s.getKey())
                    .isEqualTo("no");
              } else {
                assertThat(service.has("healthcheck"))
                    .as("%s has a healthcheck or is a one-shot", s.getKey())
                    .isTrue();
                assertThat(service.path("healthcheck").path("test").size())
                    .as("%s healthcheck test", s.getKey())
                    .isGreaterThan(1);
              }
            });
  }

  @Test
  void everyMountedRepoPathExistsAndNoneIsABuildOutput() {
    List<String> missing = new ArrayList<>();
    services
        .properties()
        .forEach(
            s -> {
              for (JsonNode volume : s.getValue().path("volumes")) {
                String source =
                    volume.isTextual()
                        ? volume.asText().split(":")[0]
                        : volume.path("source").asText();
                if (!source.startsWith("/")) {
                  continue; // a named volume
                }
                Path path = Path.of(source);
                assertThat(path.startsWith(REPO))
                    .as("%s mounts %s from inside the repository", s.getKey(), source)
                    .isTrue();
                assertThat(REPO.relativize(path).toString())
                    .as("%s mounts a build output: images are built instead", s.getKey())
                    .doesNotContain("target");
                if (!Files.exists(path)) {
                  missing.add(s.getKey() + ": " + REPO.relativize(path));
                }
              }
            });
    assertThat(missing).as("mounted paths missing from the repository").isEmpty();
    // The shell scripts mounted into containers are executable-independent (run via bash), but
    // must at least be there and non-empty.
    assertThat(DEPLOY.resolve("compose/influxdb/init/10-ops-v1-mapping.sh")).isNotEmptyFile();
    assertThat(REPO.resolve("dashboards/provisioning/datasources/influxdb.yml")).isNotEmptyFile();
    assertThat(REPO.resolve("dashboards/provisioning/dashboards/provider.yml")).isNotEmptyFile();
  }

  /**
   * Every command line in the file goes through the parser of the program it starts, so an option
   * renamed in the code fails here, not in a container restarting forever.
   */
  @Test
  void theJobsCommandLineIsOneTheJobAccepts() {
    List<String> args = command("job-submit");
    JobSettings settings = JobSettings.parse(args.toArray(String[]::new));
    assertThat(settings.bootstrapServers()).isEqualTo(kafkaInsideAddress());
    URI influx = URI.create(settings.influxUrl());
    assertThat(influx.getHost()).as("the job writes to the influxdb service").isEqualTo("influxdb");
    assertThat(influx.getPort()).isEqualTo(8086);
    assertThat(settings.influxOrg()).isEqualTo(env("influxdb", "DOCKER_INFLUXDB_INIT_ORG"));
    assertThat(settings.influxDatabase()).isEqualTo(env("influxdb", "DOCKER_INFLUXDB_INIT_BUCKET"));
  }

  @Test
  void theTopicsAndSimulatorCommandLinesAreOnesTheGeneratorsAccept() throws Exception {
    for (String service : List.of("kafka-topics", "simulator")) {
      List<String> args = command(service);
      try {
        Commands.check(args.toArray(String[]::new));
      } catch (ParameterException e) {
        fail(service + "'s command is refused by the generators CLI: " + e.getMessage());
      }
      assertThat(args.get(args.indexOf("--bootstrap") + 1))
          .as("%s talks to Kafka's in-network listener", service)
          .isEqualTo(kafkaInsideAddress());
    }
    assertThat(command("kafka-topics")).startsWith("topics");
    assertThat(command("simulator")).startsWith("simulate");
  }

  /** The parsers do refuse: a command line the CLI rejects is caught by the checks above. */
  @Test
  void theParsersRefuseWhatTheOldFileSaid() {
    assertThatThrownBy(() -> Commands.check("simulate", "--kafka", "kafka:9092"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--kafka");
    assertThatThrownBy(() -> JobSettings.parse("--bootstrap-servers", "kafka:9092"))
        .hasMessageContaining("--influx-url");
  }

  /** Topic names live in events' Topics only: no script of the deployment spells one out. */
  @Test
  void noDeploymentScriptRepeatsTheTopicList() throws Exception {
    List<String> topics = new ArrayList<>(Topics.INPUTS);
    topics.addAll(Topics.OUTPUTS);
    try (var files = Files.walk(DEPLOY.resolve("compose"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file);
        for (String topic : topics) {
          assertThat(text).as("%s names topic %s", file, topic).doesNotContain(topic);
        }
      }
    }
    assertThat(Files.readString(COMPOSE)).doesNotContain(Topics.CAD_INCIDENTS);
  }

  /**
   * The images this file builds come from targets the Dockerfile has, and the job image is built on
   * the very Flink image the cluster runs, at the project's Flink version.
   */
  @Test
  void builtImagesComeFromTheDockerfileOnTheClustersFlinkImage() throws Exception {
    Path dockerfile = REPO.resolve("deploy/docker/Dockerfile");
    String text = Files.readString(dockerfile);
    Set<String> built = new HashSet<>();
    services
        .properties()
        .forEach(
            s -> {
              JsonNode build = s.getValue().path("build");
              if (build.isMissingNode()) {
                return;
              }
              built.add(s.getKey());
              assertThat(Path.of(build.path("context").asText())).isEqualTo(REPO);
              assertThat(build.path("dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile");
              assertThat(text)
                  .as("%s builds target %s", s.getKey(), build.path("target").asText())
                  .containsPattern("(?m)^FROM \\S+ AS " + build.path("target").asText() + "$");
            });
    assertThat(built).contains("job-submit", "kafka-topics", "simulator");
    String clusterImage = services.path("jobmanager").path("image").asText();
    assertThat(services.path("taskmanager").path("image").asText()).isEqualTo(clusterImage);
    assertThat(services.path("job-submit").path("build").path("args").path("FLINK_IMAGE").asText())
        .isEqualTo(clusterImage);
    assertThat(text).contains("ARG FLINK_IMAGE=" + clusterImage);
    String flinkVersion =
        Files.readString(REPO.resolve("pom.xml"))
            .replaceAll("(?s).*<flink.version>([^<]+)</flink.version>.*", "$1");
    assertThat(clusterImage).isEqualTo("flink:" + flinkVersion + "-java17");
  }

  private static List<String> command(String service) {
    JsonNode command = services.path(service).path("command");
    assertThat(command.isArray()).as("%s command as a list", service).isTrue();
    List<String> args = new ArrayList<>();
    command.forEach(a -> args.add(a.asText()));
    return args;
  }

  /** Kafka's listener for the other containers: kafka:PORT of its advertised PLAINTEXT one. */
  private static String kafkaInsideAddress() {
    String advertised = env("kafka", "KAFKA_ADVERTISED_LISTENERS");
    for (String listener : advertised.split(",")) {
      if (listener.startsWith("PLAINTEXT://")) {
        return listener.substring("PLAINTEXT://".length());
      }
    }
    throw new AssertionError("no PLAINTEXT listener in " + advertised);
  }

  @Test
  void noTwoServicesPublishTheSameHostPort() {
    Map<String, String> owners = new HashMap<>();
    services
        .properties()
        .forEach(
            s -> {
              for (JsonNode port : s.getValue().path("ports")) {
                String published = hostPort(port);
                String previous = owners.put(published, s.getKey());
                assertThat(previous)
                    .as("host port %s published by %s and %s", published, previous, s.getKey())
                    .isNull();
              }
            });
    assertThat(owners).containsKeys("3000", "8081", "8086", "9094");
  }

  @Test
  void everyImageIsPinnedToATag() {
    services
        .properties()
        .forEach(
            s -> {
              String image = s.getValue().path("image").asText();
              assertThat(image).as("%s image", s.getKey()).matches("[^:]+:[^:]+");
              assertThat(image).as("%s image", s.getKey()).doesNotEndWith(":latest");
            });
  }

  /** "127.0.0.1:8086:8086/tcp", "8086:8086" or {published: 3000, target: 3000}. */
  private static String hostPort(JsonNode port) {
    if (!port.isTextual()) {
      return port.path("published").asText();
    }
    String[] parts = port.asText().split("/")[0].split(":");
    return parts.length >= 2 ? parts[parts.length - 2] : parts[0];
  }

  private static String env(String service, String name) {
    return services.path(service).path("environment").path(name).asText(null);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Result compose(Path envFile, String... args) throws Exception {
    List<String> command = new ArrayList<>(composeCommand());
    command.addAll(List.of("-f", COMPOSE.toString(), "--env-file", envFile.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(DEPLOY.toFile());
    // The shell's values must not stand in for the file's: only the env file counts.
    for (String variable :
        List.of(
            "GRAFANA_ADMIN_PASSWORD",
            "INFLUXDB_ADMIN_PASSWORD",
            "INFLUX_TOKEN",
            "GRAFANA_INFLUX_PASSWORD",
            "INFLUX_ORG",
            "GRAFANA_PORT",
            "FLINK_IMAGE_TAG",
            "TOPIC_PARTITIONS",
            "INFLUX_RETENTION")) {
      builder.environment().remove(variable);
    }
    Process process = builder.redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("docker-compose config did not finish in 60 s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static List<String> composeCommand() {
    String configured = System.getenv("DOCKER_COMPOSE");
    if (configured != null && !configured.isBlank()) {
      return List.of(configured.trim().split("\\s+"));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "docker-compose");
      if (Files.isExecutable(candidate)) {
        return List.of(candidate.toString());
      }
    }
    throw new AssertionError(INSTALL_HINT);
  }
}
