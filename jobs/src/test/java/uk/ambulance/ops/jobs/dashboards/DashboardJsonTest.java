package uk.ambulance.ops.jobs.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.ReportingCategory;

/**
 * The committed dashboards are well-formed Grafana provisioning: unique uids and panel ids, every
 * datasource reference resolving to the provisioned InfluxDB datasource, every target a single
 * InfluxQL statement with a refId, the provider loading the folder the dashboards are in, and the
 * colours of response-time panels at exactly the national standards of {@link ReportingCategory}.
 */
class DashboardJsonTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> PANEL_TYPES =
      Set.of("stat", "gauge", "timeseries", "table", "bargauge", "geomap", "state-timeline");
  private static final Set<String> EXPECTED_UIDS =
      Set.of(
          "ops-wallboard",
          "ops-performance",
          "ops-hospitals",
          "ops-demand",
          "ops-fleet",
          "ops-pipeline");

  private static List<Dashboards.Dashboard> dashboards;
  private static JsonNode datasource;

  @BeforeAll
  static void load() throws IOException {
    dashboards = Dashboards.load();
    JsonNode datasources =
        YAML.readTree(Dashboards.PROVISIONING.resolve("datasources/influxdb.yml").toFile())
            .path("datasources");
    assertThat(datasources).hasSize(1);
    datasource = datasources.get(0);
  }

  @Test
  void theProvisionedDatasourceIsInfluxQlOnTheOpsDatabase() {
    assertThat(datasource.path("type").asText()).isEqualTo("influxdb");
    assertThat(datasource.path("uid").asText()).isNotBlank();
    assertThat(datasource.path("jsonData").path("version").asText()).isEqualTo("InfluxQL");
    assertThat(datasource.path("jsonData").path("dbName").asText()).isEqualTo("ops");
  }

  @Test
  void theProviderLoadsTheFolderComposeMountsTheDashboardsAt() throws IOException {
    JsonNode providers =
        YAML.readTree(Dashboards.PROVISIONING.resolve("dashboards/provider.yml").toFile())
            .path("providers");
    assertThat(providers).hasSize(1);
    String path = providers.get(0).path("options").path("path").asText();
    JsonNode volumes =
        YAML.readTree(Dashboards.REPO.resolve("deploy/docker-compose.yml").toFile())
            .path("services")
            .path("grafana")
            .path("volumes");
    List<String> mounts = new ArrayList<>();
    volumes.forEach(v -> mounts.add(v.asText()));
    assertThat(mounts)
        .contains("../dashboards/json:" + path + ":ro")
        .contains("../dashboards/provisioning:/etc/grafana/provisioning:ro");
  }

  @Test
  void everyDashboardIsThereWithAUniqueUidAndTitle() {
    Set<String> uids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (Dashboards.Dashboard d : dashboards) {
      assertThat(d.uid()).as("uid of %s", d).matches("[a-z0-9-]{1,40}");
      assertThat(uids.add(d.uid())).as("uid %s used twice", d.uid()).isTrue();
      assertThat(titles.add(d.title())).as("title %s used twice", d.title()).isTrue();
      assertThat(d.json().path("id").isMissingNode() || d.json().path("id").isNull())
          .as("%s: provisioned dashboards carry no numeric id", d)
          .isTrue();
      assertThat(d.json().path("schemaVersion").asInt()).as("%s schemaVersion", d).isEqualTo(39);
      assertThat(d.json().path("timezone").asText()).isEqualTo("Europe/London");
      assertThat(d.panels()).as("%s has panels", d).isNotEmpty();
    }
    assertThat(uids).isEqualTo(EXPECTED_UIDS);
  }

  @Test
  void panelIdsAreUniqueAndPanelsOfKnownTypes() {
    for (Dashboards.Dashboard d : dashboards) {
      Set<Integer> ids = new HashSet<>();
      for (JsonNode p : d.panelsAndRows()) {
        assertThat(p.path("id").isInt()).as("%s: panel %s has an id", d, p.path("title")).isTrue();
        assertThat(ids.add(p.path("id").asInt()))
            .as("%s: panel id %s used twice", d, p.path("id"))
            .isTrue();
        assertThat(p.path("gridPos").path("w").asInt()).isBetween(1, 24);
      }
      for (Dashboards.Panel p : d.panels()) {
        assertThat(p.type()).as("type of %s", p).isIn(PANEL_TYPES);
        assertThat(p.title()).as("title of %s", p).isNotBlank();
        assertThat(p.json().path("description").asText())
            .as("%s says what it shows and reads", p)
            .contains("Reads ");
        assertThat(p.targets()).as("%s has queries", p).isNotEmpty();
      }
    }
  }

  @Test
  void everyDatasourceReferenceResolvesToTheProvisionedOne() {
    for (Dashboards.Dashboard d : dashboards) {
      for (Dashboards.Panel p : d.panels()) {
        assertResolves(p.json().path("datasource"), p.toString());
        for (Dashboards.Target t : p.targets()) {
          if (t.json().has("datasource")) {
            assertResolves(t.json().path("datasource"), t.toString());
          }
        }
      }
      for (JsonNode v : d.variables()) {
        if (v.path("type").asText().equals("query")) {
          assertResolves(v.path("datasource"), d + " variable " + v.path("name"));
        }
      }
    }
  }

  private static void assertResolves(JsonNode ref, String where) {
    assertThat(ref.isObject()).as("%s: datasource as {type, uid}", where).isTrue();
    assertThat(ref.path("uid").asText())
        .as("%s datasource uid", where)
        .isEqualTo(datasource.path("uid").asText());
    assertThat(ref.path("type").asText()).as("%s datasource type", where).isEqualTo("influxdb");
  }

  @Test
  void everyTargetIsOneInfluxQlStatementWithARefId() {
    int targets = 0;
    for (Dashboards.Dashboard d : dashboards) {
      for (Dashboards.Panel p : d.panels()) {
        Set<String> refIds = new HashSet<>();
        for (Dashboards.Target t : p.targets()) {
          targets++;
          assertThat(t.refId()).as("refId of %s", t).isNotBlank();
          assertThat(refIds.add(t.refId())).as("refId %s twice in %s", t.refId(), p).isTrue();
          assertThat(t.query()).as("query of %s", t).isNotBlank();
          assertThat(t.json().path("rawQuery").asBoolean()).as("%s is raw InfluxQL", t).isTrue();
          assertThat(t.json().path("resultFormat").asText()).isIn("time_series", "table");
          assertInfluxQl(t.query(), t.toString());
          assertThat(t.query()).as("%s is limited to the time range", t).contains("$timeFilter");
        }
      }
      for (JsonNode v : d.variables()) {
        if (v.path("type").asText().equals("query")) {
          assertInfluxQl(v.path("query").asText(), d + " variable " + v.path("name"));
        }
      }
    }
    assertThat(targets).isGreaterThan(40);
  }

  private static void assertInfluxQl(String query, String where) {
    assertThat(query.strip()).as(where).matches("(?is)^(SELECT|SHOW TAG VALUES)\\s.*");
    assertThat(query).as("%s: one statement", where).doesNotContain(";");
    assertThat(query).as("%s: not Flux", where).doesNotContain("|>").doesNotContain("from(bucket");
  }

  @Test
  void nothingIdentifiesAnIncidentOrAVehicle() throws IOException {
    for (Dashboards.Dashboard d : dashboards) {
      String text = Files.readString(d.file()).toLowerCase();
      for (String identifier : List.of("incidentid", "incident_id", "vehicleid", "vehicle_id")) {
        assertThat(text).as("%s mentions %s", d, identifier).doesNotContain(identifier);
      }
    }
  }

  private static final Pattern CATEGORY = Pattern.compile("\"category\" = '(C1T?|C2|C3|C4)'");
  private static final Pattern FIELD = Pattern.compile("^SELECT \"(mean_s|p90_s)\"");

  /**
   * A panel showing one category's mean or 90th centile is coloured red from exactly the national
   * standard, and a category without that standard is not coloured red at all.
   */
  @Test
  void responseTimeColoursAreTheNationalStandards() {
    int checked = 0;
    for (Dashboards.Dashboard d : dashboards) {
      for (Dashboards.Panel p : d.panels()) {
        if (!p.type().equals("stat")) {
          continue;
        }
        for (Dashboards.Target t : p.targets()) {
          Matcher category = CATEGORY.matcher(t.query());
          Matcher field = FIELD.matcher(t.query());
          if (!category.find() || !field.find()) {
            continue;
          }
          ReportingCategory c = ReportingCategory.valueOf(category.group(1));
          OptionalDouble standard =
              field.group(1).equals("mean_s") ? c.targetMeanSeconds() : c.targetP90Seconds();
          Map<String, Double> steps = thresholdSteps(p, t);
          if (standard.isPresent()) {
            assertThat(steps).as("%s colours", t).containsEntry("red", standard.getAsDouble());
          } else {
            assertThat(steps).as("%s: no standard, no red", t).doesNotContainKey("red");
          }
          checked++;
        }
      }
    }
    assertThat(checked).as("response-time stats checked").isGreaterThanOrEqualTo(16);
  }

  /** The threshold steps applying to a target: its refId's override, else the panel's. */
  private static Map<String, Double> thresholdSteps(Dashboards.Panel p, Dashboards.Target t) {
    JsonNode thresholds = p.json().path("fieldConfig").path("defaults").path("thresholds");
    for (JsonNode o : p.json().path("fieldConfig").path("overrides")) {
      if (o.path("matcher").path("id").asText().equals("byFrameRefID")
          && o.path("matcher").path("options").asText().equals(t.refId())) {
        for (JsonNode property : o.path("properties")) {
          if (property.path("id").asText().equals("thresholds")) {
            thresholds = property.path("value");
          }
          if (property.path("id").asText().equals("color")) {
            thresholds = null; // a fixed colour: no thresholds apply
          }
        }
      }
    }
    Map<String, Double> steps = new HashMap<>();
    if (thresholds != null) {
      for (JsonNode step : thresholds.path("steps")) {
        steps.put(
            step.path("color").asText(),
            step.path("value").isNull() ? Double.NEGATIVE_INFINITY : step.path("value").asDouble());
      }
    }
    return steps;
  }

  @Test
  void theWallBoardIsAKioskScreenOfTheLastHour() {
    Dashboards.Dashboard wall =
        dashboards.stream().filter(d -> d.uid().equals("ops-wallboard")).findFirst().orElseThrow();
    assertThat(wall.json().path("refresh").asText()).isEqualTo("10s");
    assertThat(wall.json().path("time").path("from").asText()).isEqualTo("now-1h");
    assertThat(wall.json().path("style").asText()).isEqualTo("dark");
    assertThat(wall.variables()).as("nothing to pick on a wall screen").isEmpty();
    for (Dashboards.Panel p : wall.panels()) {
      assertThat(p.json().path("timeFrom").isMissingNode()).as("%s: the board's hour", p).isTrue();
    }
  }

  @Test
  void theDashboardFolderHoldsOnlyDashboards() throws IOException {
    try (var files = Files.list(Dashboards.JSON_DIR)) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .allMatch(name -> name.endsWith(".json") || name.equals(".gitkeep"));
    }
  }
}
