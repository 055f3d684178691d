package uk.ambulance.ops.generators.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.ambulance.ops.generators.output.KafkaSink;
import uk.ambulance.ops.generators.output.Pacer;
import uk.ambulance.ops.generators.replay.Replayer;

/** {@code replay}: publishes NDJSON stream files to Kafka. */
@Command(
    name = "replay",
    customSynopsis = "generators replay --in DIR --bootstrap HOST:PORT [--speed N|max]",
    description = {
      "publish NDJSON stream files to Kafka at the original pace, faster, or max",
      "",
      "Publishes recorded streams to their topics, keyed per the contract, merged across streams",
      "in delivery order, at the original pace, N times faster, or as fast as possible."
    })
final class ReplayCommand extends GeneratorCommand {
  @Option(
      names = "--in",
      paramLabel = "DIR",
      required = true,
      description = "folder with cad.incidents.ndjson, avl.positions.ndjson, ...")
  Path in;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      required = true,
      description = "Kafka bootstrap servers")
  String bootstrap;

  @Option(
      names = "--speed",
      paramLabel = "N|max",
      description = "1 = original pace (default), N times faster, max")
  String speed;

  @Option(names = "--quiet", description = "no progress line")
  boolean quiet;

  @Mixin KafkaOptions kafka;

  @Override
  void check() {
    speed("--speed", speed, 1);
  }

  @Override
  int run(PrintStream out, PrintStream err) throws IOException {
    Progress progress = new Progress(err, !quiet);
    long[] sent = new long[1];
    KafkaSink sink = kafka.sink(bootstrap);
    try (Pacer pacer = new Pacer(sink, speed("--speed", speed, 1))) {
      sent[0] = Replayer.replay(in, pacer, () -> progress.update("replaying", sink::sent));
    }
    progress.done();
    err.printf("replayed %,d records in %.1f s%n", sent[0], progress.elapsedSeconds());
    return 0;
  }
}
