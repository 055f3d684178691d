package uk.ambulance.ops.jobs.sink.influx;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Turns a point into its line-protocol line as it enters the buffer, so buffered state, retries and
 * size accounting all work on the exact bytes that will be sent.
 */
public final class InfluxDbElementConverter implements ElementConverter<InfluxPoint, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String apply(InfluxPoint point, SinkWriter.Context context) {
    return LineProtocol.format(point);
  }
}
