package uk.ambulance.ops.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
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

/**
 * deploy/docker-compose.yml, checked offline: {@code docker-compose config} (the Compose tool's own
 * validation, no Docker daemon needed) with the values of deploy/.env.example, then what config
 * cannot check, on the configuration it resolved: every service is health-checked or a one-shot,
 * every dependency waits for health or completion, every mounted repo path exists, no two services
 * publish the same host port, images are pinned, and no secret has a default.
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
  void everyMountedRepoPathExistsExceptBuildOutputs() {
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
                boolean buildOutput = REPO.relativize(path).toString().contains("/target");
                if (!buildOutput && !Files.exists(path)) {
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
            "FLINK_IMAGE_TAG")) {
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
