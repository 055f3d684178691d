package uk.ambulance.ops.jobs.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed Grafana dashboards as the tests read them: every JSON file under {@code
 * dashboards/json/}, its panels (rows' nested panels included), their targets and the dashboard's
 * template variables.
 */
final class Dashboards {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path PROVISIONING = REPO.resolve("dashboards/provisioning");
  static final Path JSON_DIR = REPO.resolve("dashboards/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Dashboards() {}

  record Dashboard(Path file, JsonNode json) {
    String uid() {
      return json.path("uid").asText();
    }

    String title() {
      return json.path("title").asText();
    }

    /** Every panel, including those nested in (collapsed) rows; rows themselves excluded. */
    List<Panel> panels() {
      List<Panel> out = new ArrayList<>();
      for (JsonNode p : json.path("panels")) {
        if (!p.path("type").asText().equals("row")) {
          out.add(new Panel(this, p));
        }
        for (JsonNode nested : p.path("panels")) {
          out.add(new Panel(this, nested));
        }
      }
      return out;
    }

    /** Panels and rows: everything that carries an id. */
    List<JsonNode> panelsAndRows() {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode p : json.path("panels")) {
        out.add(p);
        p.path("panels").forEach(out::add);
      }
      return out;
    }

    List<JsonNode> variables() {
      List<JsonNode> out = new ArrayList<>();
      json.path("templating").path("list").forEach(out::add);
      return out;
    }

    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  record Panel(Dashboard dashboard, JsonNode json) {
    int id() {
      return json.path("id").asInt(-1);
    }

    String title() {
      return json.path("title").asText();
    }

    String type() {
      return json.path("type").asText();
    }

    List<Target> targets() {
      List<Target> out = new ArrayList<>();
      json.path("targets").forEach(t -> out.add(new Target(this, t)));
      return out;
    }

    @Override
    public String toString() {
      return dashboard.uid() + " / " + title() + " (#" + id() + ")";
    }
  }

  record Target(Panel panel, JsonNode json) {
    String refId() {
      return json.path("refId").asText("");
    }

    String query() {
      return json.path("query").asText("");
    }

    @Override
    public String toString() {
      return panel + " " + refId();
    }
  }

  static List<Dashboard> load() {
    try (Stream<Path> files = Files.walk(JSON_DIR)) {
      List<Dashboard> out = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(new Dashboard(file, JSON.readTree(file.toFile())));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
