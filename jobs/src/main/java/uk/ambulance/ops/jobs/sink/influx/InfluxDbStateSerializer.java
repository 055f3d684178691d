package uk.ambulance.ops.jobs.sink.influx;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Stores buffered lines in checkpoints. Length-prefixed UTF-8 rather than writeUTF, which is
 * limited to 64 KiB and uses modified UTF-8.
 */
public final class InfluxDbStateSerializer extends AsyncSinkWriterStateSerializer<String> {

  @Override
  protected void serializeRequestToStream(String line, DataOutputStream out) throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Override
  protected String deserializeRequestFromStream(long requestSize, DataInputStream in)
      throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("corrupt InfluxDB sink state: line length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public int getVersion() {
    return 1;
  }
}
