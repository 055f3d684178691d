package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.generators.importer.ColumnMapping;
import uk.ambulance.ops.generators.importer.CsvImporter;
import uk.ambulance.ops.generators.output.NdjsonFiles;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;

/** {@code import}: a CSV export to {@code cad.incidents}, with a report of every refusal. */
@Command(
    name = "import",
    customSynopsis =
        "generators import --csv FILE --mapping FILE|"
            + ColumnMapping.SF_FIRE
            + " (--out DIR | --bootstrap HOST:PORT)",
    description = {
      "turn a CSV export (one row per incident or per unit) into cad.incidents",
      "",
      "Turns an incident-per-row or unit-per-row CSV export into cad.incidents events in time order,",
      "and prints how many rows were used and every unusable row by reason."
    })
final class ImportCommand extends GeneratorCommand {
  @Option(names = "--csv", paramLabel = "FILE", required = true, description = "the CSV export")
  Path csv;

  @Option(
      names = "--mapping",
      paramLabel = "FILE|" + ColumnMapping.SF_FIRE,
      required = true,
      description = "column mapping (shipped: " + ColumnMapping.SF_FIRE + ")")
  String mappingName;

  @Option(names = "--out", paramLabel = "DIR", description = "write DIR/cad.incidents.ndjson")
  Path out;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "or publish to Kafka, as fast as possible")
  String bootstrap;

  @Mixin KafkaOptions kafka;

  @Override
  void check() {
    if ((out != null) == (bootstrap != null)) {
      throw usage("give exactly one of --out DIR or --bootstrap HOST:PORT");
    }
    if (out != null) {
      kafka.refuseWithoutKafka();
    }
  }

  @Override
  int run(PrintStream stdout, PrintStream err) throws IOException {
    ColumnMapping mapping;
    try {
      mapping = ColumnMapping.load(mappingName);
    } catch (NoSuchFileException e) {
      throw usage("no mapping file " + mappingName);
    }
    if (!Files.isReadable(csv)) {
      throw usage("cannot read " + csv);
    }
    CsvImporter importer = new CsvImporter(mapping);
    List<IncidentEvent> events;
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      events = importer.read(reader);
    }
    try (RecordSink sink = out != null ? new NdjsonFiles(out) : kafka.sink(bootstrap)) {
      for (IncidentEvent e : events) {
        sink.send(
            new OutRecord(
                Topics.CAD_INCIDENTS, e.incidentId(), e.timeMillis(), EventJson.toBytes(e)));
      }
    }
    stdout.print(importer.report().text());
    return 0;
  }
}
