package uk.ambulance.ops.generators.support;

import java.util.ArrayList;
import java.util.List;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;

/** Keeps every record sent, in delivery order. */
public final class MemorySink implements RecordSink {
  public final List<OutRecord> records = new ArrayList<>();

  @Override
  public void send(OutRecord record) {
    records.add(record);
  }

  @Override
  public void close() {}

  public List<OutRecord> topic(String topic) {
    return records.stream().filter(r -> r.topic().equals(topic)).toList();
  }
}
