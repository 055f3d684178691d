package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class InfluxDbStateSerializerTest {

  @Test
  void bufferedLinesSurviveARoundTripUnchanged() throws Exception {
    String ascii = "m,t=a v=1i 1";
    String unicode = "wait,hospital=St\\ Thomas’ s=\"Zoë \uD83D\uDE91\" 2";
    String longerThanWriteUtfAllows = "m s=\"" + "x".repeat(70_000) + "\" 3";
    List<String> lines = List.of(ascii, unicode, longerThanWriteUtfAllows, "");
    BufferedRequestState<String> state =
        new BufferedRequestState<>(
            lines.stream()
                .map(line -> new RequestEntryWrapper<>(line, InfluxDbSinkWriter.utf8Length(line)))
                .toList());
    InfluxDbStateSerializer serializer = new InfluxDbStateSerializer();

    BufferedRequestState<String> restored =
        serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

    assertThat(restored.getBufferedRequestEntries())
        .extracting(RequestEntryWrapper::getRequestEntry)
        .containsExactlyElementsOf(lines);
    assertThat(restored.getBufferedRequestEntries())
        .extracting(RequestEntryWrapper::getSize)
        .containsExactly(12L, (long) unicode.getBytes("UTF-8").length, 70_008L, 0L);
  }

  @Test
  void utf8LengthMatchesTheJdkEncoder() throws Exception {
    for (String text : List.of("", "abc", "é", "€", "\uD83D\uDE91", "a\uD800b")) {
      assertThat(InfluxDbSinkWriter.utf8Length(text))
          .as(text)
          .isEqualTo(text.getBytes("UTF-8").length);
    }
  }
}
