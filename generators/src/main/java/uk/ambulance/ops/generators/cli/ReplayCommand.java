package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import uk.ambulance.ops.generators.output.KafkaSink;
import uk.ambulance.ops.generators.output.Pacer;
import uk.ambulance.ops.generators.replay.Replayer;

/** {@code replay}: publishes NDJSON stream files to Kafka. */
final class ReplayCommand {
  static final List<Option> OPTIONS =
      KafkaOptions.with(
          List.of(
              Option.of("in", "DIR", "folder with cad.incidents.ndjson, avl.positions.ndjson, ..."),
              Option.of("bootstrap", "HOST:PORT", "Kafka bootstrap servers"),
              Option.of("speed", "N|max", "1 = original pace (default), N times faster, max"),
              Option.flag("quiet", "no progress line"),
              Option.flag("help", "this help")));

  private ReplayCommand() {}

  static String help() {
    return Options.help(
        "generators replay --in DIR --bootstrap HOST:PORT [--speed N|max]",
        "Publishes recorded streams to their topics, keyed per the contract, merged across"
            + " streams\nin delivery order, at the original pace, N times faster, or as fast as"
            + " possible.",
        OPTIONS);
  }

  static int run(String[] args, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Options o = Options.parse("replay", OPTIONS, args);
    if (o.has("help")) {
      out.print(help());
      return 0;
    }
    Path in = Path.of(o.required("in"));
    String bootstrap = o.required("bootstrap");
    double speed = o.speed("speed", 1);
    Progress progress = new Progress(err, !o.has("quiet"));
    long[] sent = new long[1];
    KafkaSink kafka = KafkaOptions.sink("replay", o, bootstrap);
    try (Pacer pacer = new Pacer(kafka, speed)) {
      sent[0] = Replayer.replay(in, pacer, () -> progress.update("replaying", kafka::sent));
    }
    progress.done();
    err.printf("replayed %,d records in %.1f s%n", sent[0], progress.elapsedSeconds());
    return 0;
  }
}
