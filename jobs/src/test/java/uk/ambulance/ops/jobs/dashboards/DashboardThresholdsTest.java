package uk.ambulance.ops.jobs.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.model.ReportingCategory;
import uk.ambulance.ops.jobs.JobSettings;

/**
 * Every colour threshold on every board has a source: a national standard ({@link
 * ReportingCategory}), a default of the job's own settings ({@link JobSettings}), a value of the
 * contract, or a board-only choice named here with its reason. A board cannot then drift from the
 * job: the wall board's handover table turning red at 60 minutes while the job releases crews at
 * 45, or a hotspot scale that turns red below the score at which the job flags a cell at all.
 */
class DashboardThresholdsTest {
  private static final JobSettings JOB = JobSettings.defaults();
  private static final Pattern MEASUREMENT = Pattern.compile("FROM \"([a-z_]+)\"");

  /** Thresholds with no job setting or standard behind them: each a choice made for the board. */
  private static final Map<String, Map<Double, String>> BOARD_CHOICES =
      Map.of(
          Metrics.Fleet.MEASUREMENT,
          Map.of(5.0, "vehicles available in an area: red below 5", 10.0, "amber below 10"),
          Metrics.Demand.MEASUREMENT,
          Map.of(120.0, "calls against expected: amber from 120 %", 150.0, "red from 150 %"),
          Metrics.Handovers.MEASUREMENT,
          Map.of(10.0, "crew hours lost today: amber from 10", 20.0, "red from 20"),
          Metrics.FleetFeed.MEASUREMENT,
          Map.of(1.0, "silent vehicles: amber from the first; outage flag 1 = outage"),
          Metrics.Pipeline.MEASUREMENT,
          Map.of(60.0, "lag: amber from 1 min", 300.0, "red from 5 min", 1.0, "refused: first"));

  private static List<Dashboards.Dashboard> dashboards;

  @BeforeAll
  static void load() {
    dashboards = Dashboards.load();
  }

  /** Where each measurement's thresholds may come from, value to reason. */
  private static Map<String, Map<Double, String>> sources() {
    Map<String, Map<Double, String>> sources = new HashMap<>();
    for (ReportingCategory c : ReportingCategory.values()) {
      c.targetMeanSeconds().ifPresent(v -> add(sources, "standards", v, c + " mean standard"));
      c.targetP90Seconds().ifPresent(v -> add(sources, "standards", v, c + " 90th standard"));
    }
    sources.put(Metrics.ResponseTimes.MEASUREMENT, sources.get("standards"));
    sources.put(Metrics.CallsWaiting.MEASUREMENT, sources.get("standards"));
    var hospitals = JOB.hospitals();
    add(sources, "handovers", seconds(hospitals.handoverStandard()), "--handover-standard-s");
    add(sources, "handovers", seconds(hospitals.releaseAfter()), "--release-after-s");
    add(sources, "handovers", 1800, "the national 30-minute handover band (field over_30)");
    add(sources, "hotspots", JOB.demand().hotspotScore(), "--hotspot-score");
    add(sources, "hotspots", JOB.demand().majorIncidentScore(), "--major-incident-score");
    add(sources, "major_incidents", JOB.demand().majorIncidentScore(), "--major-incident-score");
    for (int opel = 2; opel <= 4; opel++) {
      add(sources, "hospital_capacity", opel, "OPEL level (contract: 1 to 4)");
    }
    add(sources, "fleet_feed", 1, "outage flag (the job's --avl-outage-share reached)");
    add(
        sources,
        Metrics.StandardAtRisk.MEASUREMENT,
        1,
        "the index of the level that fails the standard (contract)");
    BOARD_CHOICES.forEach((m, choices) -> choices.forEach((v, why) -> add(sources, m, v, why)));
    return sources;
  }

  @Test
  void everyThresholdOnEveryBoardHasASource() {
    Map<String, Map<Double, String>> sources = sources();
    List<String> unexplained = new ArrayList<>();
    int checked = 0;
    for (Dashboards.Dashboard d : dashboards) {
      for (Dashboards.Panel p : d.panels()) {
        Set<String> measurements = measurements(p);
        for (double value : thresholds(p)) {
          checked++;
          boolean explained =
              measurements.stream()
                  .anyMatch(m -> sources.getOrDefault(m, Map.of()).containsKey(value));
          if (!explained) {
            unexplained.add(p + " reading " + measurements + ": " + value);
          }
        }
      }
    }
    assertThat(unexplained).as("thresholds without a standard, setting or named choice").isEmpty();
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void theWallBoardsHandoverTableTurnsRedWhenTheJobReleasesTheCrew() {
    Dashboards.Panel table = panel("ops-wallboard", "EDs with crews waiting over 30 min");
    assertThat(steps(table.json().path("fieldConfig").path("defaults").path("thresholds")))
        .containsEntry("red", seconds(JOB.hospitals().releaseAfter()));
    Dashboards.Panel hospitals = panel("ops-hospitals", "Handovers now by ED");
    assertThat(steps(hospitals.json().path("fieldConfig").path("defaults").path("thresholds")))
        .containsEntry("red", seconds(JOB.hospitals().releaseAfter()));
  }

  /** Only flagged cells are drawn, so a scale must start at the flag to show more than red. */
  @Test
  void hotspotColoursStartWhereTheJobFlagsACell() {
    int checked = 0;
    for (Dashboards.Dashboard d : dashboards) {
      for (Dashboards.Panel p : d.panels()) {
        if (!measurements(p).equals(Set.of(Metrics.Hotspots.MEASUREMENT))) {
          continue;
        }
        List<Double> values = thresholds(p);
        if (values.isEmpty()) {
          continue;
        }
        assertThat(values).as("%s", p).contains(JOB.demand().hotspotScore());
        assertThat(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
            .as("%s: no colour change below the score that flags a cell", p)
            .isEqualTo(JOB.demand().hotspotScore());
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  @Test
  void majorIncidentDurationCountsTheJobsTicks() {
    Dashboards.Panel p = panel("ops-wallboard", "Major incidents now");
    Matcher m = Pattern.compile("sum\\(\"active\"\\) \\* (\\d+)").matcher(query(p));
    assertThat(m.find()).as(query(p)).isTrue();
    assertThat(Long.parseLong(m.group(1))).isEqualTo(JOB.tick().toSeconds());
  }

  /** A bar per area: the five areas, not the ALL total beside them. */
  @Test
  void perAreaBarsLeaveOutTheServiceTotal() {
    int checked = 0;
    for (Dashboards.Dashboard d : dashboards) {
      for (Dashboards.Panel p : d.panels()) {
        String q = query(p);
        if (p.type().equals("bargauge") && q.matches("(?s).*GROUP BY \"area\"\\s*$")) {
          assertThat(q).as("%s", p).contains("\"area\" != 'ALL'");
          checked++;
        }
        if (q.contains("sum(\"vehicles\")") && !q.contains("\"area\" = ")) {
          assertThat(q).as("%s sums areas: ALL must not be added again", p).contains("'ALL'");
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  @Test
  void statsWithSeveralValuesNameEachOne() {
    for (Dashboards.Dashboard d : dashboards) {
      for (Dashboards.Panel p : d.panels()) {
        if (!p.type().equals("stat") || p.targets().size() < 2) {
          continue;
        }
        for (Dashboards.Target t : p.targets()) {
          assertThat(displayName(p, t)).as("display name of %s", t).isNotBlank();
        }
      }
    }
  }

  @Test
  void theWallBoardShowsEverythingADutyManagerActsOn() {
    Set<String> read = new LinkedHashSet<>();
    dashboards.stream()
        .filter(d -> d.uid().equals("ops-wallboard"))
        .flatMap(d -> d.panels().stream())
        .forEach(p -> read.addAll(measurements(p)));
    assertThat(read)
        .contains(
            Metrics.ResponseTimes.MEASUREMENT,
            Metrics.CallsWaiting.MEASUREMENT,
            Metrics.Fleet.MEASUREMENT,
            Metrics.FleetFeed.MEASUREMENT,
            Metrics.FleetUtilisation.MEASUREMENT,
            Metrics.Handovers.MEASUREMENT,
            Metrics.Hotspots.MEASUREMENT,
            Metrics.MajorIncidents.MEASUREMENT);
  }

  /** The name a value is shown under: the target's alias or a display-name override. */
  private static String displayName(Dashboards.Panel p, Dashboards.Target t) {
    if (!t.json().path("alias").asText().isBlank()) {
      return t.json().path("alias").asText();
    }
    for (JsonNode o : p.json().path("fieldConfig").path("overrides")) {
      if (o.path("matcher").path("id").asText().equals("byFrameRefID")
          && o.path("matcher").path("options").asText().equals(t.refId())) {
        for (JsonNode property : o.path("properties")) {
          if (property.path("id").asText().equals("displayName")) {
            return property.path("value").asText();
          }
        }
      }
    }
    return "";
  }

  private static Dashboards.Panel panel(String uid, String title) {
    return dashboards.stream()
        .filter(d -> d.uid().equals(uid))
        .flatMap(d -> d.panels().stream())
        .filter(p -> p.title().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no panel " + uid + " / " + title));
  }

  private static String query(Dashboards.Panel p) {
    return String.join("\n", p.targets().stream().map(Dashboards.Target::query).toList());
  }

  private static Set<String> measurements(Dashboards.Panel p) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = MEASUREMENT.matcher(query(p));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Every non-base threshold step of a panel, its defaults and its overrides. */
  private static List<Double> thresholds(Dashboards.Panel p) {
    List<Double> values = new ArrayList<>();
    JsonNode fieldConfig = p.json().path("fieldConfig");
    steps(fieldConfig.path("defaults").path("thresholds"), values);
    for (JsonNode o : fieldConfig.path("overrides")) {
      for (JsonNode property : o.path("properties")) {
        if (property.path("id").asText().equals("thresholds")) {
          steps(property.path("value"), values);
        }
      }
    }
    return values;
  }

  private static void steps(JsonNode thresholds, List<Double> into) {
    for (JsonNode step : thresholds.path("steps")) {
      if (!step.path("value").isNull() && !step.path("value").isMissingNode()) {
        into.add(step.path("value").asDouble());
      }
    }
  }

  private static Map<String, Double> steps(JsonNode thresholds) {
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode step : thresholds.path("steps")) {
      if (!step.path("value").isNull()) {
        out.put(step.path("color").asText(), step.path("value").asDouble());
      }
    }
    return out;
  }

  private static void add(
      Map<String, Map<Double, String>> sources, String measurement, double value, String why) {
    sources.computeIfAbsent(measurement, k -> new HashMap<>()).put(value, why);
  }

  private static double seconds(java.time.Duration d) {
    return d.toSeconds();
  }
}
