package uk.ambulance.ops.generators.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.geo.ServiceRegion;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.ParseResult;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;

/** The real San Francisco week through the shipped mapping. */
class SfFireImportTest {
  private static final String CSV = "/data/sf-fire-calls-2016-12-31_to_2017-01-07.csv";
  private static final ServiceRegion SAN_FRANCISCO =
      new ServiceRegion("San Francisco", 37.6, 37.9, -122.6, -122.3);
  private static List<IncidentEvent> events;
  private static ImportReport report;

  @BeforeAll
  static void importTheWeek() throws Exception {
    CsvImporter importer = new CsvImporter(ColumnMapping.load(ColumnMapping.SF_FIRE));
    try (Reader in = reader()) {
      events = importer.read(in);
    }
    report = importer.report();
    System.out.println(report.text());
  }

  private static Reader reader() {
    return new BufferedReader(
        new InputStreamReader(
            SfFireImportTest.class.getResourceAsStream(CSV), StandardCharsets.UTF_8));
  }

  @Test
  void everyRowIsUsedOrReportedByReason() {
    assertThat(report.rows()).isEqualTo(7704);
    assertThat(report.rowsUsed() + report.unusableRowCount()).isEqualTo(report.rows());
    assertThat(report.incidents()).isEqualTo(3560);
    assertThat(report.events()).isEqualTo(events.size());
  }

  @Test
  void everyEventIsValidInAnSanFranciscoRegionAndTimeOrdered() {
    IncidentEventParser parser =
        new IncidentEventParser(ValidationRules.defaults().withRegion(SAN_FRANCISCO));
    Instant previous = Instant.MIN;
    for (IncidentEvent e : events) {
      assertThat(parser.parse(EventJson.toBytes(e))).isInstanceOf(ParseResult.Valid.class);
      assertThat(e.time()).isAfterOrEqualTo(previous);
      previous = e.time();
    }
  }

  @Test
  void everyCallIsConnectedCategorisedAndClosedOnce() {
    Map<String, Map<IncidentEventType, Integer>> counts = new HashMap<>();
    for (IncidentEvent e : events) {
      counts.computeIfAbsent(e.incidentId(), k -> new HashMap<>()).merge(e.type(), 1, Integer::sum);
    }
    assertThat(counts).hasSize(3560);
    counts.forEach(
        (id, c) -> {
          assertThat(c.get(IncidentEventType.CALL_CONNECTED)).as(id).isEqualTo(1);
          assertThat(c.get(IncidentEventType.CATEGORISED)).as(id).isEqualTo(1);
          assertThat(c.get(IncidentEventType.CLOSED)).as(id).isEqualTo(1);
        });
  }

  /** Straight from the CSV: each call's first on-scene time, as a batch calculation would. */
  @Test
  void firstArrivalPerCallMatchesTheCsv() throws Exception {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
    ZoneId zone = ZoneId.of("America/Los_Angeles");
    Map<String, Instant> firstOnScene = new HashMap<>();
    try (Reader in = reader()) {
      Csv csv = new Csv(in);
      List<String> header = csv.next();
      int call = header.indexOf("Call Number");
      int onScene = header.indexOf("On Scene DtTm");
      List<String> row;
      while ((row = csv.next()) != null) {
        if (!row.get(onScene).isEmpty()) {
          Instant t = LocalDateTime.parse(row.get(onScene), f).atZone(zone).toInstant();
          firstOnScene.merge("SF-" + row.get(call), t, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    Map<String, Instant> fromEvents = new HashMap<>();
    Set<String> closedCancelledWithoutArrival = new HashSet<>();
    for (IncidentEvent e : events) {
      if (e.type() == IncidentEventType.RESOURCE_ARRIVED) {
        fromEvents.merge(e.incidentId(), e.time(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    assertThat(fromEvents).isEqualTo(firstOnScene);
    assertThat(closedCancelledWithoutArrival).isEmpty();
  }
}
