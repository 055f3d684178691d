package uk.ambulance.ops.generators.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.ParseResult;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.generators.output.DeliveryShaper;
import uk.ambulance.ops.generators.output.RecordSink;
import uk.ambulance.ops.generators.output.StreamWriter;
import uk.ambulance.ops.generators.sim.SimSettings;
import uk.ambulance.ops.generators.sim.Simulation;
import uk.ambulance.ops.generators.truth.GroundTruth;

/** Runs a simulation into memory, through the same writer and delivery shaping as the CLI. */
public final class SimRun {
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  public final SimSettings settings;
  public final MemorySink sink = new MemorySink();
  public final List<GroundTruth> truths = new ArrayList<>();
  public final String truthText;

  private SimRun(SimSettings settings, boolean positions) {
    this.settings = settings;
    StringWriter truthOut = new StringWriter();
    RecordSink target =
        settings.delivery().isClean()
            ? sink
            : new DeliveryShaper(sink, settings.delivery(), settings.seed());
    try (StreamWriter writer = new StreamWriter(target, truthOut, positions)) {
      new Simulation(settings, writer).run(t -> {});
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    this.truthText = truthOut.toString();
    for (String line : truthText.split("\n")) {
      if (!line.isEmpty()) {
        try {
          truths.add(MAPPER.readValue(line, GroundTruth.class));
        } catch (java.io.IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  public static SimRun of(SimSettings settings, boolean positions) {
    return new SimRun(settings, positions);
  }

  /** The valid cad.incidents records as delivered (parsed with the default London rules). */
  public List<IncidentEvent> validIncidentEvents() {
    IncidentEventParser parser = new IncidentEventParser(ValidationRules.defaults());
    List<IncidentEvent> events = new ArrayList<>();
    for (var r : sink.topic(Topics.CAD_INCIDENTS)) {
      if (parser.parse(r.value()) instanceof ParseResult.Valid<IncidentEvent> v) {
        events.add(v.event());
      }
    }
    return events;
  }
}
