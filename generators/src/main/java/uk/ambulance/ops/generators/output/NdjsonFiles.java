package uk.ambulance.ops.generators.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes each topic to {@code <topic>.ndjson} in a folder, one record per line in delivery order.
 * The record's own {@code time} and key field are enough to replay it later.
 */
public final class NdjsonFiles implements RecordSink {
  private static final int BUFFER = 1 << 20;
  private final Path dir;
  private final Map<String, OutputStream> files = new TreeMap<>();

  public NdjsonFiles(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  public static Path fileFor(Path dir, String topic) {
    return dir.resolve(topic + ".ndjson");
  }

  /** Creates the file for a topic now, so that a stream with no records still has its file. */
  public void open(String topic) throws IOException {
    stream(topic);
  }

  private OutputStream stream(String topic) throws IOException {
    OutputStream out = files.get(topic);
    if (out == null) {
      out = new BufferedOutputStream(Files.newOutputStream(fileFor(dir, topic)), BUFFER);
      files.put(topic, out);
    }
    return out;
  }

  @Override
  public void send(OutRecord record) throws IOException {
    OutputStream out = stream(record.topic());
    out.write(record.value());
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OutputStream out : files.values()) {
      try {
        out.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
