package uk.ambulance.ops.generators.output;

import java.io.IOException;

/** Where records go: files, Kafka, or another sink after some shaping. */
public interface RecordSink extends AutoCloseable {
  void send(OutRecord record) throws IOException;

  /** Waits until what was sent has arrived, where that means something (Kafka). */
  default void flush() throws IOException {}

  @Override
  void close() throws IOException;
}
