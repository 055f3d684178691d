package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.generators.importer.ColumnMapping;
import uk.ambulance.ops.generators.importer.CsvImporter;
import uk.ambulance.ops.generators.output.NdjsonFiles;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;

/** {@code import}: a CSV export to {@code cad.incidents}, with a report of every refusal. */
final class ImportCommand {
  static final List<Option> OPTIONS =
      KafkaOptions.with(
          List.of(
              Option.of("csv", "FILE", "the CSV export"),
              Option.of(
                  "mapping",
                  "FILE|" + ColumnMapping.SF_FIRE,
                  "column mapping (shipped: " + ColumnMapping.SF_FIRE + ")"),
              Option.of("out", "DIR", "write DIR/cad.incidents.ndjson"),
              Option.of("bootstrap", "HOST:PORT", "or publish to Kafka, as fast as possible"),
              Option.flag("help", "this help")));

  private ImportCommand() {}

  static String help() {
    return Options.help(
        "generators import --csv FILE --mapping FILE|"
            + ColumnMapping.SF_FIRE
            + " (--out DIR | --bootstrap HOST:PORT)",
        "Turns an incident-per-row or unit-per-row CSV export into cad.incidents events in time"
            + " order,\nand prints how many rows were used and every unusable row by reason.",
        OPTIONS);
  }

  static int run(String[] args, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Options o = Options.parse("import", OPTIONS, args);
    if (o.has("help")) {
      out.print(help());
      return 0;
    }
    Path csv = Path.of(o.required("csv"));
    String mappingName = o.required("mapping");
    if (o.has("out") == o.has("bootstrap")) {
      throw new UsageException("import: give exactly one of --out DIR or --bootstrap HOST:PORT");
    }
    ColumnMapping mapping;
    try {
      mapping = ColumnMapping.load(mappingName);
    } catch (NoSuchFileException e) {
      throw new UsageException("import: no mapping file " + mappingName);
    }
    if (!Files.isReadable(csv)) {
      throw new UsageException("import: cannot read " + csv);
    }
    if (o.has("out")) {
      KafkaOptions.refuseWithoutKafka("import", o);
    }
    CsvImporter importer = new CsvImporter(mapping);
    List<IncidentEvent> events;
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      events = importer.read(reader);
    }
    try (RecordSink sink =
        o.has("out")
            ? new NdjsonFiles(Path.of(o.text("out", ".")))
            : KafkaOptions.sink("import", o, o.text("bootstrap", ""))) {
      for (IncidentEvent e : events) {
        sink.send(
            new OutRecord(
                Topics.CAD_INCIDENTS, e.incidentId(), e.timeMillis(), EventJson.toBytes(e)));
      }
    }
    out.print(importer.report().text());
    return 0;
  }
}
