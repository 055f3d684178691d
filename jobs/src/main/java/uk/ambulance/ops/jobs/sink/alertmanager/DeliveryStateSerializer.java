package uk.ambulance.ops.jobs.sink.alertmanager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import uk.ambulance.ops.events.model.Alert;

/** Stores the writer's firing and resolving alerts in checkpoints. */
final class DeliveryStateSerializer implements SimpleVersionedSerializer<Delivery> {

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(Delivery d) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Alert a = d.alert();
      text(out, a.alertKey());
      text(out, a.rule());
      text(out, a.severity());
      text(out, a.scope());
      out.writeUTF(a.state().name());
      out.writeDouble(a.value());
      out.writeDouble(a.threshold());
      text(out, a.message());
      out.writeLong(a.time().toEpochMilli());
      out.writeLong(d.startsAtMs());
    }
    return bytes.toByteArray();
  }

  @Override
  public Delivery deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1) {
      throw new IOException("unknown Alertmanager sink state version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      Alert a =
          new Alert(
              text(in),
              text(in),
              text(in),
              text(in),
              Alert.State.valueOf(in.readUTF()),
              in.readDouble(),
              in.readDouble(),
              text(in),
              Instant.ofEpochMilli(in.readLong()));
      return new Delivery(a, in.readLong());
    }
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String text(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("corrupt Alertmanager sink state: text of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
