package uk.ambulance.ops.generators.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.EventJson;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.generators.sim.SimOutput;
import uk.ambulance.ops.generators.truth.GroundTruth;

/**
 * Serialises what the simulation emits into contract JSON, keyed per the contract, and hands it to
 * a sink; writes the ground truth, one JSON line per incident, to its own writer (never shaped).
 */
public final class StreamWriter implements SimOutput, AutoCloseable {
  private final RecordSink sink;
  private final Writer truth;
  private final boolean positions;
  private final long[] counts = new long[3];

  public StreamWriter(RecordSink sink, Writer truth, boolean positions) {
    this.sink = sink;
    this.truth = truth == null ? null : new BufferedWriter(truth, 1 << 16);
    this.positions = positions;
  }

  private void send(int stream, String topic, String key, long time, Object record) {
    try {
      sink.send(new OutRecord(topic, key, time, EventJson.toBytes(record)));
      counts[stream]++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void incident(IncidentEvent e) {
    send(0, Topics.CAD_INCIDENTS, e.incidentId(), e.timeMillis(), e);
  }

  @Override
  public void vehicle(VehiclePosition p) {
    send(1, Topics.AVL_POSITIONS, p.vehicleId(), p.timeMillis(), p);
  }

  @Override
  public void hospital(HospitalStatus s) {
    send(2, Topics.HOSPITAL_STATUS, s.hospitalId(), s.timeMillis(), s);
  }

  @Override
  public void truth(GroundTruth t) {
    if (truth == null) {
      return;
    }
    try {
      truth.write(EventJson.toJson(t));
      truth.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean wantsVehiclePositions() {
    return positions;
  }

  /** Records handed on so far: incidents, positions, hospital statuses. */
  public long[] counts() {
    return counts.clone();
  }

  public long total() {
    return counts[0] + counts[1] + counts[2];
  }

  @Override
  public void close() throws IOException {
    try {
      sink.close();
    } finally {
      if (truth != null) {
        truth.close();
      }
    }
  }
}
