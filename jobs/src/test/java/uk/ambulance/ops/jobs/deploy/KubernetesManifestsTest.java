package uk.ambulance.ops.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.cli.Commands;
import uk.ambulance.ops.jobs.JobSettings;

/**
 * deploy/k8s, checked offline as far as that goes without a cluster (there is no API server, so
 * nothing here is applied): every document parses and names its kind; every file is in the
 * kustomization and every file it names exists; each kind has what it needs; the job's and the
 * simulator's arguments pass their real parsers and point at the Strimzi bootstrap service; the
 * topics are events' Topics; images, the Flink version and Grafana's settings agree with compose.
 */
class KubernetesManifestsTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path K8S = REPO.resolve("deploy/k8s");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static final Map<String, List<JsonNode>> BY_KIND = new LinkedHashMap<>();
  private static JsonNode kustomization;
  private static JsonNode compose;

  @BeforeAll
  static void readEveryDocument() throws IOException {
    try (var files = Files.list(K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (var docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
          while (docs.hasNext()) {
            JsonNode doc = (JsonNode) docs.next();
            assertThat(doc.path("apiVersion").asText()).as("%s apiVersion", file).isNotBlank();
            assertThat(doc.path("kind").asText()).as("%s kind", file).isNotBlank();
            if (doc.path("kind").asText().equals("Kustomization")) {
              kustomization = doc;
              continue;
            }
            assertThat(doc.path("metadata").path("name").asText())
                .as("%s %s name", file, doc.path("kind"))
                .isNotBlank();
            BY_KIND.computeIfAbsent(doc.path("kind").asText(), k -> new ArrayList<>()).add(doc);
          }
        }
      }
    }
    assertThat(kustomization).as("deploy/k8s/kustomization.yaml").isNotNull();
    compose = YAML.readTree(REPO.resolve("deploy/docker-compose.yml").toFile()).path("services");
  }

  @Test
  void theKustomizationNamesEveryManifestAndEveryFileItNamesExists() throws IOException {
    Set<String> resources = new TreeSet<>();
    kustomization.path("resources").forEach(r -> resources.add(r.asText()));
    Set<String> manifests = new TreeSet<>();
    try (var files = Files.list(K8S)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .forEach(manifests::add);
    }
    assertThat(resources).isEqualTo(manifests);
    List<String> generated = new ArrayList<>();
    for (JsonNode generator : kustomization.path("configMapGenerator")) {
      for (JsonNode file : generator.path("files")) {
        assertThat(K8S.resolve(file.asText()).normalize()).as("configMap file").isRegularFile();
        generated.add(K8S.resolve(file.asText()).normalize().getFileName().toString());
      }
    }
    try (var dashboards = Files.list(REPO.resolve("dashboards/json"))) {
      assertThat(generated)
          .as("every dashboard is in Grafana's configMap")
          .containsAll(
              dashboards
                  .map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".json"))
                  .toList());
    }
  }

  @Test
  void theJobRunsOnTheOperatorWithHaCheckpointsAndSavepointUpgrades() throws IOException {
    JsonNode flink = only("FlinkDeployment");
    JsonNode spec = flink.path("spec");
    String flinkVersion =
        Files.readString(REPO.resolve("pom.xml"))
            .replaceAll("(?s).*<flink.version>([^<]+)</flink.version>.*", "$1");
    String[] v = flinkVersion.split("\\.");
    assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + v[0] + "_" + v[1]);
    assertThat(spec.path("image").asText())
        .isEqualTo(compose.path("job-submit").path("image").asText());
    JsonNode conf = spec.path("flinkConfiguration");
    assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
    for (String key :
        List.of(
            "high-availability.storageDir",
            "execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir")) {
      assertThat(conf.path(key).asText()).as(key).startsWith("s3://");
    }
    JsonNode job = spec.path("job");
    assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
    assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/ops/job.jar");
    assertThat(Files.readString(REPO.resolve("deploy/docker/Dockerfile")))
        .as("the jar is where the image puts it")
        .contains("/opt/ops/job.jar");
    assertThat(job.path("entryClass").asText()).isEqualTo("uk.ambulance.ops.jobs.OpsAnalyticsJob");
    JobSettings settings = JobSettings.parse(strings(job.path("args")).toArray(String[]::new));
    assertThat(settings.bootstrapServers()).isEqualTo(kafkaBootstrap());
    String influx = only("Service", "influxdb").path("metadata").path("name").asText();
    assertThat(settings.influxUrl()).startsWith("http://" + influx + ":8086");
    assertThat(envNames(spec.path("podTemplate"))).contains("INFLUX_TOKEN");
  }

  @Test
  void theSimulatorRunsComposesCommandLineAgainstStrimzisKafka() {
    JsonNode container = container(only("Deployment", "simulator"));
    List<String> args = strings(container.path("args"));
    try {
      Commands.check(args.toArray(String[]::new));
    } catch (ParameterException e) {
      fail("the simulator's args are refused by the generators CLI: " + e.getMessage());
    }
    assertThat(args.get(args.indexOf("--bootstrap") + 1)).isEqualTo(kafkaBootstrap());
    List<String> composeArgs = strings(compose.path("simulator").path("command"));
    composeArgs.set(composeArgs.indexOf("--bootstrap") + 1, kafkaBootstrap());
    assertThat(args).isEqualTo(composeArgs);
    assertThat(container.path("image").asText())
        .isEqualTo(compose.path("simulator").path("image").asText());
  }

  @Test
  void theTopicsAreEventsTopics() {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    for (JsonNode topic : BY_KIND.get("KafkaTopic")) {
      assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
          .isEqualTo(only("Kafka").path("metadata").path("name").asText());
      partitions.put(
          topic.path("metadata").path("name").asText(),
          topic.path("spec").path("partitions").asInt());
    }
    List<String> all = new ArrayList<>(Topics.INPUTS);
    all.addAll(Topics.OUTPUTS);
    assertThat(partitions.keySet()).containsExactlyInAnyOrderElementsOf(all);
    Set<Integer> inputPartitions = new TreeSet<>();
    Topics.INPUTS.forEach(t -> inputPartitions.add(partitions.get(t)));
    assertThat(inputPartitions).as("the inputs alike").hasSize(1);
    Topics.OUTPUTS.forEach(t -> assertThat(partitions.get(t)).as(t).isEqualTo(1));
  }

  @Test
  void everyDeploymentSelectsItsPodsAndNamesItsImages() {
    for (JsonNode d : BY_KIND.get("Deployment")) {
      JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
      d.path("spec")
          .path("selector")
          .path("matchLabels")
          .properties()
          .forEach(
              l ->
                  assertThat(labels.path(l.getKey()).asText())
                      .as("%s selects its pods", d.path("metadata").path("name"))
                      .isEqualTo(l.getValue().asText()));
      for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
        assertThat(c.path("name").asText()).isNotBlank();
        assertThat(c.path("image").asText()).matches("[^:]+:[^:]+").doesNotEndWith(":latest");
      }
    }
    for (JsonNode s : BY_KIND.get("Service")) {
      assertThat(s.path("spec").path("ports").size()).as("%s ports", s).isPositive();
    }
  }

  @Test
  void grafanaIsConfiguredAsInCompose() {
    JsonNode container = container(only("Deployment", "grafana"));
    assertThat(container.path("image").asText())
        .isEqualTo(compose.path("grafana").path("image").asText());
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : container.path("env")) {
      env.put(e.path("name").asText(), e.path("value").asText(null));
    }
    compose
        .path("grafana")
        .path("environment")
        .properties()
        .forEach(
            e -> {
              assertThat(env).as("grafana env %s", e.getKey()).containsKey(e.getKey());
              if (!e.getValue().asText().startsWith("${")) {
                assertThat(env.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asText());
              }
            });
    Set<String> mounts = new TreeSet<>();
    container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
    assertThat(mounts)
        .contains(
            "/etc/grafana/provisioning/datasources",
            "/etc/grafana/provisioning/dashboards",
            "/var/lib/grafana/dashboards");
  }

  /**
   * kustomize itself renders the directory (offline: {@code kubectl kustomize} needs no cluster),
   * every resource in the kustomization's namespace. Skipped where kubectl is not installed.
   */
  @Test
  void kustomizeRendersEveryResourceIntoTheNamespace() throws Exception {
    Path kubectl = onPath("kubectl");
    org.junit.jupiter.api.Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
    Process p =
        new ProcessBuilder(
                kubectl.toString(),
                "kustomize",
                "--load-restrictor",
                "LoadRestrictionsNone",
                K8S.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String rendered = new String(out, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(rendered).isZero();
    int documents = 0;
    String namespace = kustomization.path("namespace").asText();
    try (var docs = YAML.readerFor(JsonNode.class).readValues(rendered)) {
      while (docs.hasNext()) {
        JsonNode doc = (JsonNode) docs.next();
        documents++;
        if (!doc.path("kind").asText().equals("Namespace")) {
          assertThat(doc.path("metadata").path("namespace").asText())
              .as("%s %s", doc.path("kind"), doc.path("metadata").path("name"))
              .isEqualTo(namespace);
        }
      }
    }
    int expected = kustomization.path("configMapGenerator").size();
    for (List<JsonNode> kind : BY_KIND.values()) {
      expected += kind.size();
    }
    assertThat(documents).isEqualTo(expected);
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Strimzi's bootstrap service for the Kafka resource: NAME-kafka-bootstrap:PORT. */
  private static String kafkaBootstrap() {
    JsonNode kafka = only("Kafka");
    JsonNode plain = kafka.path("spec").path("kafka").path("listeners").get(0);
    return kafka.path("metadata").path("name").asText()
        + "-kafka-bootstrap:"
        + plain.path("port").asInt();
  }

  private static JsonNode only(String kind) {
    assertThat(BY_KIND.get(kind)).as(kind).hasSize(1);
    return BY_KIND.get(kind).get(0);
  }

  private static JsonNode only(String kind, String name) {
    return BY_KIND.getOrDefault(kind, List.of()).stream()
        .filter(d -> d.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static JsonNode container(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec").path("containers").get(0);
  }

  private static Set<String> envNames(JsonNode podTemplate) {
    Set<String> names = new TreeSet<>();
    for (JsonNode c : podTemplate.path("spec").path("containers")) {
      c.path("env").forEach(e -> names.add(e.path("name").asText()));
    }
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(a -> out.add(a.asText()));
    return out;
  }
}
