package uk.ambulance.ops.jobs.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.generators.importer.ColumnMapping;
import uk.ambulance.ops.generators.importer.CsvImporter;
import uk.ambulance.ops.generators.importer.ImportReport;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.EmbeddedKafka;
import uk.ambulance.ops.jobs.testing.KafkaAndFlink;
import uk.ambulance.ops.jobs.testing.LatestPointsSink;
import uk.ambulance.ops.jobs.testing.PercentileInc;
import uk.ambulance.ops.jobs.testing.ReplayRun;

/**
 * The real San Francisco week (DataSF "Calls for Service", 31 Dec 2016 to 7 Jan 2017) through the
 * historic importer, a real Kafka broker and the whole job in replay mode. What the job ends up
 * writing to {@code response_times} must equal a batch calculation done here straight from the CSV
 * rows, without the importer's or the job's classes.
 *
 * <p>The batch calculation, per call (rows sharing a Call Number), as the shipped mapping maps the
 * columns (the tables are restated below and checked against the mapping file):
 *
 * <ul>
 *   <li>category from Final Priority (3 and E: C1, 2: C3, 1: C4); counted in it (it never changes:
 *       the export has one priority per call).
 *   <li>clock start: the earliest of Entry DtTm (categorised), the first Dispatch DtTm of any unit
 *       (assigned) and Received DtTm + 240 s.
 *   <li>arrivals: On Scene DtTm of every unit that has one; MEDIC units are transport-capable,
 *       every other unit (PRIVATE ambulances included) is not.
 *   <li>conveyed: the call's final disposition is "Code 2 Transport" or "Code 3 Transport".
 *   <li>measured: at least one unit on scene. A call without one is cancelled before any arrival
 *       and has no response time; a call cancelled after a unit arrived is measured, as the domain
 *       brief excludes only cancellations before any arrival (and as the job does).
 *   <li>clock stop: C1, the first arrival of any unit; C3 (and C2, C4), the first MEDIC arrival for
 *       a conveyed patient, otherwise the first arrival. C1T: conveyed C1 calls with a MEDIC on
 *       scene, to the first MEDIC arrival.
 *   <li><b>Conveyed without a transport-capable arrival</b> (the patient went in a PRIVATE
 *       ambulance, or the MEDIC's on-scene time is missing): timed to the first arrival, the only
 *       stop the data supports. This is the rule in {@code ResponseClock}'s Javadoc and the domain
 *       brief's stop for a patient not conveyed by a transport-capable vehicle. For C1 it changes
 *       nothing (C1 stops at the first arrival anyway) but such a call has no C1T figure; for C3 it
 *       decides the stop. The test counts both and checks the total against the importer's report.
 *   <li><b>Negative intervals</b>: the export has rows whose later step is recorded before an
 *       earlier one (hospital before transport, transport before on scene, a hospital time before
 *       the call). None involves a clock input: in this week no unit is on scene before its own
 *       dispatch, no dispatch or entry precedes the call, so every response time is at least zero
 *       and nothing needs deciding for the clock. The importer ignores the contradictory transport
 *       and hospital times (they would only set when the incident closes, and the close never moves
 *       a response time here); the batch calculation does not read them at all. The test asserts
 *       these facts from the CSV, so an export where a reversed interval does touch the clock fails
 *       here rather than passing through unnoticed.
 * </ul>
 *
 * <p>Compared for the {@code ALL} scope (the job derives a London operational area from each
 * location, meaningless for San Francisco): every {@code 1h} point against the stops in the hour up
 * to it, and the final figure of every London day and month (the job's calendar) against the stops
 * in that period. Counts exactly; mean and 90th centile (PERCENTILE.INC) within 1e-6 s of the
 * batch's millisecond figures, which is equality to the second and beyond.
 */
@ClusterTest
class SanFranciscoWeekTest {

  @RegisterExtension
  @org.junit.jupiter.api.Order(1)
  static final KafkaAndFlink CLUSTER = new KafkaAndFlink();

  static final EmbeddedKafka KAFKA = CLUSTER.kafka();

  static final String CSV_NAME = "sf-fire-calls-2016-12-31_to_2017-01-07.csv";

  /** A box around San Francisco for {@code --region}: minLat,maxLat,minLon,maxLon. */
  static final String SAN_FRANCISCO = "37.6,37.9,-122.6,-122.3";

  // The shipped mapping's tables, restated; mappingTablesAreTheFilesTables() holds them to it.
  static final Map<String, String> PRIORITY_TO_CATEGORY =
      Map.of("3", "C1", "E", "C1", "2", "C3", "1", "C4");
  static final Set<String> TRANSPORT_CAPABLE_UNIT_TYPES = Set.of("MEDIC");
  static final Set<String> CONVEYING_DISPOSITIONS = Set.of("Code 2 Transport", "Code 3 Transport");
  static final Map<String, String> COLUMNS =
      Map.of(
          "incidentId", "Call Number",
          "received", "Received DtTm",
          "categorised", "Entry DtTm",
          "assigned", "Dispatch DtTm",
          "arrived", "On Scene DtTm",
          "priority", "Final Priority",
          "unitType", "Unit Type",
          "disposition", "Call Final Disposition");
  static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
  static final ZoneId CSV_ZONE = ZoneId.of("America/Los_Angeles");

  /** The domain brief's default: the clock starts at the latest 240 s after connection. */
  static final long START_CAP_MS = 240_000;

  /** The job's calendar. */
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  static final List<String> CATEGORIES = List.of("C1", "C1T", "C2", "C3", "C4");
  private static final long HOUR = 3_600_000;
  private static final long TICK = 10_000;

  private static Path csvPath;
  private static List<Map<String, String>> csvRows;
  private static Batch batch;
  private static ImportReport report;
  private static int eventsPublished;
  private static long deadLetters;
  private static Map<String, InfluxPoint> written;

  @BeforeAll
  static void importTheWeekAndRunTheJob() throws Exception {
    csvPath = locateCsv();
    csvRows = readCsv(csvPath);
    batch = Batch.of(csvRows);

    CsvImporter importer = new CsvImporter(ColumnMapping.load(ColumnMapping.SF_FIRE));
    List<IncidentEvent> events;
    try (Reader in = Files.newBufferedReader(csvPath, StandardCharsets.UTF_8)) {
      events = importer.read(in);
    }
    report = importer.report();
    System.out.print("SanFranciscoWeekTest: import report\n" + report.text());

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (IncidentEvent e : events) {
      records.add(
          new ProducerRecord<>(
              Topics.CAD_INCIDENTS,
              e.incidentId().getBytes(StandardCharsets.UTF_8),
              EventJson.toBytes(e)));
    }
    eventsPublished = records.size();
    KAFKA.createContractTopics(4);
    KAFKA.produce(records);

    ReplayRun.Result run =
        ReplayRun.of("response_times", KAFKA.bootstrapServers(), "--region", SAN_FRANCISCO);
    System.out.printf(
        "SanFranciscoWeekTest: %d events through the job in %.1f s%n",
        eventsPublished, run.jobSeconds());
    written = run.points();
    deadLetters = endOffset(Topics.OPS_DEADLETTER);
  }

  // ---------------------------------------------------------------- where the CSV is

  /**
   * The week is committed with the importer's tests ({@code generators/src/test/resources/data/}),
   * so the test needs nothing beside the clone; {@code -Dsf.csv=FILE} runs it on another extract of
   * the same DataSF table.
   */
  static Path locateCsv() {
    String override = System.getProperty("sf.csv");
    if (override != null) {
      Path p = Path.of(override);
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException("-Dsf.csv=" + override + ": no such file");
      }
      return p;
    }
    List<Path> tried = new ArrayList<>();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate =
          dir.resolve("generators/src/test/resources/data").resolve(CSV_NAME).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    throw new IllegalStateException(
        "The San Francisco week "
            + CSV_NAME
            + " was not found: it is committed in generators/src/test/resources/data/ (tried "
            + tried
            + "); or pass -Dsf.csv=FILE");
  }

  // ---------------------------------------------------------------- the batch calculation

  /** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
  static List<Map<String, String>> readCsv(Path file) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      int c;
      while ((c = in.read()) != -1) {
        any = true;
        if (quoted) {
          if (c == '"') {
            in.mark(1);
            if (in.read() == '"') {
              field.append('"');
            } else {
              in.reset();
              quoted = false;
            }
          } else {
            field.append((char) c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          record.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          record = new ArrayList<>();
          any = false;
        } else if (c != '\r') {
          field.append((char) c);
        }
      }
      if (any) {
        record.add(field.toString());
        records.add(record);
      }
    }
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> r : records.subList(1, records.size())) {
      assertThat(r).as("a CSV row with as many fields as the header").hasSize(header.size());
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i).replace("\uFEFF", "").strip(), r.get(i).strip());
      }
      rows.add(row);
    }
    return rows;
  }

  static Long time(Map<String, String> row, String field) {
    String v = row.get(COLUMNS.get(field));
    if (v == null || v.isEmpty()) {
      return null;
    }
    return LocalDateTime.parse(v, CSV_TIME).atZone(CSV_ZONE).toInstant().toEpochMilli();
  }

  /** One measured response: the counting category, clock stop and response time (ms). */
  record Measured(String category, long stopMs, long responseMs) {}

  /** The batch calculation over the CSV rows, and what it had to decide on the way. */
  static final class Batch {
    /** Per reporting category: clock stops ascending, with their response times. */
    final Map<String, long[][]> byCategory = new TreeMap<>();

    final List<Measured> measured = new ArrayList<>();
    int calls;
    int notMeasured;
    int conveyedWithoutTransportCapable;
    final Map<String, Integer> conveyedWithoutTransportCapableByCategory = new TreeMap<>();
    long minResponseMs = Long.MAX_VALUE;

    static Batch of(List<Map<String, String>> rows) {
      Map<String, List<Map<String, String>>> byCall = new LinkedHashMap<>();
      for (Map<String, String> row : rows) {
        byCall.computeIfAbsent(row.get(COLUMNS.get("incidentId")), k -> new ArrayList<>()).add(row);
      }
      Batch b = new Batch();
      b.calls = byCall.size();
      byCall.values().forEach(b::add);
      Map<String, List<long[]>> lists = new TreeMap<>();
      for (Measured m : b.measured) {
        lists
            .computeIfAbsent(m.category(), k -> new ArrayList<>())
            .add(new long[] {m.stopMs(), m.responseMs()});
        b.minResponseMs = Math.min(b.minResponseMs, m.responseMs());
      }
      lists.forEach(
          (category, list) -> {
            list.sort((x, y) -> Long.compare(x[0], y[0]));
            long[][] columns = new long[2][list.size()];
            for (int i = 0; i < list.size(); i++) {
              columns[0][i] = list.get(i)[0];
              columns[1][i] = list.get(i)[1];
            }
            b.byCategory.put(category, columns);
          });
      return b;
    }

    private void add(List<Map<String, String>> rows) {
      Map<String, String> first = rows.get(0);
      String category = PRIORITY_TO_CATEGORY.get(first.get(COLUMNS.get("priority")));
      assertThat(category).as("priority of call %s", first).isNotNull();
      long received = time(first, "received");
      Long entered = time(first, "categorised");
      boolean conveyed = CONVEYING_DISPOSITIONS.contains(first.get(COLUMNS.get("disposition")));

      long start = received + START_CAP_MS;
      if (entered != null) {
        start = Math.min(start, entered);
      }
      Long firstArrival = null;
      Long firstTransportCapable = null;
      for (Map<String, String> row : rows) {
        Long dispatched = time(row, "assigned");
        if (dispatched != null) {
          start = Math.min(start, dispatched);
        }
        Long onScene = time(row, "arrived");
        if (onScene == null) {
          continue;
        }
        firstArrival = firstArrival == null ? onScene : Math.min(firstArrival, onScene);
        if (TRANSPORT_CAPABLE_UNIT_TYPES.contains(row.get(COLUMNS.get("unitType")))) {
          firstTransportCapable =
              firstTransportCapable == null ? onScene : Math.min(firstTransportCapable, onScene);
        }
      }
      if (firstArrival == null) {
        notMeasured++; // nobody on scene: cancelled before any arrival
        return;
      }
      if (conveyed && firstTransportCapable == null) {
        conveyedWithoutTransportCapable++;
        conveyedWithoutTransportCapableByCategory.merge(category, 1, Integer::sum);
      }
      long stop;
      if (category.equals("C1")) {
        stop = firstArrival;
      } else {
        stop = conveyed && firstTransportCapable != null ? firstTransportCapable : firstArrival;
      }
      measured.add(new Measured(category, stop, stop - start));
      if (category.equals("C1") && conveyed && firstTransportCapable != null) {
        measured.add(new Measured("C1T", firstTransportCapable, firstTransportCapable - start));
      }
    }

    /** Count, mean and PERCENTILE.INC 90th centile (seconds) of the stops in [from, to]. */
    double[] figures(String category, long from, long to) {
      long[][] t = byCategory.getOrDefault(category, new long[2][0]);
      long[] window = Arrays.copyOfRange(t[1], firstAtOrAfter(t[0], from), firstAfter(t[0], to));
      Arrays.sort(window);
      if (window.length == 0) {
        return new double[] {0, Double.NaN, Double.NaN};
      }
      long sum = 0;
      for (long v : window) {
        sum += v;
      }
      double p90 = PercentileInc.of(window, 0.9);
      return new double[] {window.length, sum / 1000.0 / window.length, p90 / 1000.0};
    }

    int countIn(String category, long from, long to) {
      long[][] t = byCategory.getOrDefault(category, new long[2][0]);
      return firstAfter(t[0], to) - firstAtOrAfter(t[0], from);
    }
  }

  private static int firstAfter(long[] sorted, long value) {
    return firstAtOrAfter(sorted, value + 1);
  }

  private static int firstAtOrAfter(long[] sorted, long value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ---------------------------------------------------------------- the London calendar

  static long londonDayStart(long ms) {
    LocalDate day = Instant.ofEpochMilli(ms).atZone(LONDON).toLocalDate();
    return day.atStartOfDay(LONDON).toInstant().toEpochMilli();
  }

  static long londonMonthStart(long ms) {
    YearMonth month = YearMonth.from(Instant.ofEpochMilli(ms).atZone(LONDON));
    return month.atDay(1).atStartOfDay(LONDON).toInstant().toEpochMilli();
  }

  static long londonMonthEnd(YearMonth month) {
    return month.plusMonths(1).atDay(1).atStartOfDay(LONDON).toInstant().toEpochMilli() - 1;
  }

  // ---------------------------------------------------------------- the comparisons

  private static boolean isAll(InfluxPoint p) {
    return p.tags().get("area").equals("ALL");
  }

  private static void assertFigures(InfluxPoint p, double[] expected) {
    assertThat(p.fields().get("incidents")).as("count of %s", p).isEqualTo((long) expected[0]);
    if (expected[0] > 0) {
      assertThat((Double) p.fields().get("mean_s"))
          .as("mean of %s", p)
          .isCloseTo(expected[1], within(1e-6));
      assertThat((Double) p.fields().get("p90_s"))
          .as("p90 of %s", p)
          .isCloseTo(expected[2], within(1e-6));
    }
  }

  @Test
  void mappingTablesAreTheFilesTables() throws IOException {
    Map<String, String> file = new LinkedHashMap<>();
    try (InputStream in =
        ColumnMapping.class.getResourceAsStream(
            "/mappings/" + ColumnMapping.SF_FIRE + ".mapping")) {
      assertThat(in).as("the shipped mapping on the class path").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          int eq = l.indexOf('=');
          file.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
      }
    }
    Map<String, String> priorities = new TreeMap<>();
    Set<String> transportCapable = new TreeSet<>();
    Set<String> conveying = new TreeSet<>();
    Map<String, String> columns = new TreeMap<>();
    file.forEach(
        (key, value) -> {
          if (key.startsWith("priority.")) {
            priorities.put(key.substring("priority.".length()), value);
          } else if (key.startsWith("unitType.") && value.replace(" ", "").endsWith(",true")) {
            transportCapable.add(key.substring("unitType.".length()));
          } else if (key.startsWith("disposition.") && value.startsWith("CONVEYED")) {
            conveying.add(key.substring("disposition.".length()));
          } else if (key.startsWith("column.")) {
            columns.put(key.substring("column.".length()), value);
          }
        });
    assertThat(priorities).isEqualTo(PRIORITY_TO_CATEGORY);
    assertThat(transportCapable).isEqualTo(TRANSPORT_CAPABLE_UNIT_TYPES);
    assertThat(file.get("unitType.*").replace(" ", "")).endsWith(",false");
    assertThat(conveying).isEqualTo(CONVEYING_DISPOSITIONS);
    assertThat(file.get("disposition.*")).doesNotStartWith("CONVEYED");
    assertThat(columns).containsAllEntriesOf(COLUMNS);
    assertThat(file.get("time.format")).isEqualTo("MM/dd/yyyy hh:mm:ss a");
    assertThat(file.get("time.zone")).isEqualTo(CSV_ZONE.getId());
  }

  @Test
  void everyRowIsImportedAndEveryEventAccepted() throws Exception {
    assertThat(report.rows()).isEqualTo(csvRows.size());
    assertThat(report.unusableRowCount()).as("rows the importer refused").isZero();
    assertThat(report.incidents()).isEqualTo(batch.calls);
    assertThat(report.events()).isEqualTo(eventsPublished);
    assertThat(deadLetters).as("records the job refused (see ops.deadletter)").isZero();
  }

  /**
   * The importer reports conveyed calls without a transport-capable unit on scene; the batch finds
   * the same calls on its own. The job times them to the first arrival, and so does the batch.
   */
  @Test
  void conveyedCallsWithoutATransportCapableArrivalAreTheImportersAndTimedToTheFirstArrival() {
    Long reported =
        report
            .adjustments()
            .get("conveyed without a transport-capable unit on scene (kept as recorded)");
    assertThat(reported).isNotNull();
    assertThat((long) batch.conveyedWithoutTransportCapable).isEqualTo(reported);
    System.out.printf(
        "SanFranciscoWeekTest: %d conveyed calls have no MEDIC on scene, by category %s:"
            + " C1 stops at the first arrival anyway (no C1T figure for them), the rest are timed"
            + " to the first arrival instead of the first transport-capable one%n",
        batch.conveyedWithoutTransportCapable, batch.conveyedWithoutTransportCapableByCategory);
  }

  /** See the class comment: reversed intervals exist, and none reaches the response clock. */
  @Test
  void reversedIntervalsExistButNoneTouchesTheResponseClock() {
    List<String> steps =
        List.of(
            "Received DtTm",
            "Entry DtTm",
            "Dispatch DtTm",
            "Response DtTm",
            "On Scene DtTm",
            "Transport DtTm",
            "Hospital DtTm",
            "Available DtTm");
    Set<String> clockInputs =
        Set.of("Received DtTm", "Entry DtTm", "Dispatch DtTm", "On Scene DtTm");
    Map<String, Integer> reversed = new TreeMap<>();
    for (Map<String, String> row : csvRows) {
      for (int i = 0; i < steps.size(); i++) {
        for (int j = i + 1; j < steps.size(); j++) {
          String a = row.get(steps.get(i));
          String b = row.get(steps.get(j));
          if (a.isEmpty() || b.isEmpty()) {
            continue;
          }
          long ta = LocalDateTime.parse(a, CSV_TIME).atZone(CSV_ZONE).toInstant().toEpochMilli();
          long tb = LocalDateTime.parse(b, CSV_TIME).atZone(CSV_ZONE).toInstant().toEpochMilli();
          if (tb < ta) {
            reversed.merge(steps.get(j) + " before " + steps.get(i), 1, Integer::sum);
            assertThat(clockInputs.contains(steps.get(i)) && clockInputs.contains(steps.get(j)))
                .as("a reversed interval between two clock inputs: %s", row)
                .isFalse();
          }
        }
      }
    }
    System.out.println("SanFranciscoWeekTest: reversed intervals in the CSV " + reversed);
    assertThat(reversed).as("the export is as recorded, reversals included").isNotEmpty();
    assertThat(batch.minResponseMs).as("shortest response time").isNotNegative();
  }

  /**
   * A reversed interval that does touch the clock, a unit dispatched before the call was received,
   * is not in this week; were it in an export, the importer refuses the row with its reason (it
   * used to fail the whole import).
   */
  @Test
  void aDispatchBeforeTheCallIsRefusedWithItsReason() throws Exception {
    List<String> header =
        List.of(Files.readAllLines(csvPath).get(0).replace("\uFEFF", "").split(","));
    Map<String, String> row = new HashMap<>(csvRows.get(0));
    Instant received =
        LocalDateTime.parse(row.get("Received DtTm"), CSV_TIME).atZone(CSV_ZONE).toInstant();
    row.put(
        "Dispatch DtTm",
        CSV_TIME.format(received.minusSeconds(60).atZone(CSV_ZONE).toLocalDateTime()));
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    for (int i = 0; i < header.size(); i++) {
      csv.append(i == 0 ? "" : ",")
          .append('"')
          .append(row.get(header.get(i)).replace("\"", "\"\""))
          .append('"');
    }
    csv.append('\n');
    CsvImporter importer = new CsvImporter(ColumnMapping.load(ColumnMapping.SF_FIRE));
    assertThat(importer.read(new java.io.StringReader(csv.toString()))).isEmpty();
    assertThat(importer.report().unusableRows())
        .isEqualTo(Map.of("dispatch before the call was received", 1L));
  }

  @Test
  void theMappingProducesC1C1TAndC3Only() {
    assertThat(batch.byCategory.keySet()).containsExactlyInAnyOrder("C1", "C1T", "C3");
    Set<String> writtenCategories = new TreeSet<>();
    for (InfluxPoint p : written.values()) {
      writtenCategories.add(p.tags().get("category"));
    }
    assertThat(writtenCategories).isEqualTo(batch.byCategory.keySet());
  }

  @Test
  void everyLastHourPointEqualsTheBatchFigure() {
    int checked = 0;
    for (InfluxPoint p : written.values()) {
      if (isAll(p) && p.tags().get("window").equals("1h")) {
        // The hour up to the point: stops in (t - 1h, t].
        assertFigures(
            p, batch.figures(p.tags().get("category"), p.timeMillis() - HOUR + 1, p.timeMillis()));
        checked++;
      }
    }
    // A point every 10 s while a category's hour holds anything: most of a week, for C1 and C3.
    assertThat(checked).isGreaterThan(2 * 6 * 8640);
    System.out.printf("SanFranciscoWeekTest: %d 1h points equal the batch%n", checked);
  }

  @Test
  void noLastHourWindowWithIncidentsIsMissing() {
    batch.byCategory.forEach(
        (category, t) -> {
          Map<String, String> tags = Map.of("category", category, "area", "ALL", "window", "1h");
          long first = t[0][0] - Math.floorMod(t[0][0], TICK) + TICK;
          long last = t[0][t[0].length - 1] + HOUR;
          for (long tick = first; tick <= last; tick += TICK) {
            if (batch.countIn(category, tick - HOUR + 1, tick) > 0) {
              assertThat(written).containsKey(LatestPointsSink.identity(tags, tick));
            }
          }
        });
  }

  @Test
  void everyDaysAndMonthsFinalFigureEqualsTheBatchFigure() {
    Set<String> expected = new TreeSet<>();
    for (Measured m : batch.measured) {
      expected.add(m.category() + " today " + londonDayStart(m.stopMs()));
      expected.add(m.category() + " mtd " + londonMonthStart(m.stopMs()));
    }
    Set<String> finals = new TreeSet<>();
    for (InfluxPoint p : written.values()) {
      String window = p.tags().get("window");
      if (!isAll(p) || window.equals("1h") || Math.floorMod(p.timeMillis(), TICK) != TICK - 1) {
        continue; // the final figure of a day or month is written at its last millisecond
      }
      long start =
          window.equals("today")
              ? londonDayStart(p.timeMillis())
              : londonMonthStart(p.timeMillis());
      assertFigures(p, batch.figures(p.tags().get("category"), start, p.timeMillis()));
      if ((Long) p.fields().get("incidents") > 0) {
        finals.add(p.tags().get("category") + " " + window + " " + start);
      }
    }
    assertThat(finals)
        .as("a final figure for every London day and month with stops")
        .isEqualTo(expected);
  }

  /**
   * The whole week side by side. The job's calendar cuts the week at London midnight on 1 January
   * (16:00 on 31 December in San Francisco), so its month-to-date finals give December and January
   * apiece; the whole week's count and mean follow exactly from the two, its centile does not and
   * is shown from the batch alone.
   */
  /** The London months the data's clock stops fall in: whatever month the CSV covers. */
  private static List<YearMonth> monthsMeasured() {
    return batch.measured.stream()
        .map(m -> YearMonth.from(Instant.ofEpochMilli(m.stopMs()).atZone(LONDON)))
        .distinct()
        .sorted()
        .toList();
  }

  @Test
  void wholeWeekSideBySide() {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%nSanFranciscoWeekTest: response times, San Francisco week, job (mtd finals) vs batch%n"
                + "%-5s %-8s %8s %8s %10s %10s %10s %10s%n",
            "cat", "period", "job n", "batch n", "job mean", "batch mean", "job p90", "batch p90"));
    for (String category : CATEGORIES) {
      if (!batch.byCategory.containsKey(category)) {
        continue;
      }
      long jobCount = 0;
      double jobSum = 0;
      for (YearMonth month : monthsMeasured()) {
        long end = londonMonthEnd(month);
        InfluxPoint p =
            written.get(
                LatestPointsSink.identity(
                    Map.of("category", category, "area", "ALL", "window", "mtd"), end));
        assertThat(p).as("%s month-to-date final figure for %s", category, month).isNotNull();
        double[] b = batch.figures(category, londonMonthStart(end), end);
        long n = (Long) p.fields().get("incidents");
        double mean = (Double) p.fields().get("mean_s");
        jobCount += n;
        jobSum += n * mean;
        table.append(
            String.format(
                "%-5s %-8s %8d %8d %10.3f %10.3f %10.3f %10.3f%n",
                category,
                month,
                n,
                (long) b[0],
                mean,
                b[1],
                (Double) p.fields().get("p90_s"),
                b[2]));
      }
      double[] week = batch.figures(category, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1);
      table.append(
          String.format(
              "%-5s %-8s %8d %8d %10.3f %10.3f %10s %10.3f%n",
              category,
              "week",
              jobCount,
              (long) week[0],
              jobSum / jobCount,
              week[1],
              "-",
              week[2]));
      assertThat(jobCount).isEqualTo((long) week[0]);
      assertThat(jobSum / jobCount).isCloseTo(week[1], within(1e-6));
    }
    table.append(
        String.format(
            "calls %d: %d with a unit on scene (measured, cancelled ones included), %d without%n",
            batch.calls, batch.calls - batch.notMeasured, batch.notMeasured));
    System.out.println(table);
  }

  private static long endOffset(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
    }
  }
}
