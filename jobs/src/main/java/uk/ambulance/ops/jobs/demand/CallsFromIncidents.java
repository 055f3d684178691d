package uk.ambulance.ops.jobs.demand;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.geo.London;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;

/**
 * Each connected 999 call, once for its area and once for ALL, with its H3 resolution-8 cell: from
 * here on the call is a time, an area and a cell, nothing that identifies the patient.
 */
public class CallsFromIncidents extends RichFlatMapFunction<IncidentEvent, Call> {
  private static final long serialVersionUID = 1L;

  /** About 0.7 km² a cell: London is some 2,100 of them. */
  public static final int RESOLUTION = 8;

  private transient H3Core h3;

  @Override
  public void open(OpenContext openContext) {
    try {
      h3 = H3Core.newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flatMap(IncidentEvent e, Collector<Call> out) {
    if (e.type() != IncidentEventType.CALL_CONNECTED) {
      return;
    }
    String area = e.area() != null ? e.area().name() : London.areaOf(e.lat(), e.lon()).name();
    String cell = h3.latLngToCellAddress(e.lat(), e.lon(), RESOLUTION);
    out.collect(new Call(e.timeMillis(), area, cell));
    out.collect(new Call(e.timeMillis(), Metrics.AREA_ALL, cell));
  }
}
