package uk.ambulance.ops.generators.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.CliTest;
import uk.ambulance.ops.generators.output.NdjsonFiles;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.support.MemorySink;

/** Replaying simulated files gives back every line, keyed, merged in delivery order. */
class ReplayerTest {
  @Test
  void replaysEveryLineOfEveryStreamKeyedAndInPaceOrder(@TempDir Path dir) throws Exception {
    assertThat(
            CliTest.run(
                    "simulate",
                    "--out",
                    dir.toString(),
                    "--hours",
                    "2",
                    "--quiet",
                    "--malformed",
                    "0.01",
                    "--out-of-order",
                    "0.02")
                .code())
        .isZero();
    MemorySink sink = new MemorySink();
    long sent = Replayer.replay(dir, sink, () -> {});
    long lines = 0;
    for (String topic : Topics.INPUTS) {
      List<String> fileLines = Files.readAllLines(NdjsonFiles.fileFor(dir, topic));
      lines += fileLines.size();
      List<String> replayed = new ArrayList<>();
      for (OutRecord r : sink.topic(topic)) {
        replayed.add(new String(r.value(), StandardCharsets.UTF_8));
        String keyField =
            topic.equals(Topics.CAD_INCIDENTS)
                ? "incidentId"
                : topic.equals(Topics.AVL_POSITIONS) ? "vehicleId" : "hospitalId";
        String text = new String(r.value(), StandardCharsets.UTF_8);
        if (r.key() != null) {
          assertThat(text).contains("\"" + keyField + "\":\"" + r.key() + "\"");
        }
      }
      assertThat(replayed).as(topic).isEqualTo(fileLines);
    }
    assertThat(sent).isEqualTo(lines);
    long previous = Long.MIN_VALUE;
    long maxBehind = 0;
    for (OutRecord r : sink.records) {
      if (previous != Long.MIN_VALUE) {
        maxBehind = Math.max(maxBehind, previous - r.timeMillis());
      }
      previous = Math.max(previous, r.timeMillis());
    }
    assertThat(maxBehind).isLessThanOrEqualTo(0);
  }
}
