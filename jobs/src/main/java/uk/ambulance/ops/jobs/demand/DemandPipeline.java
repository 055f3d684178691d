package uk.ambulance.ops.jobs.demand;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Demand from connected calls: per area against the seasonal expectation ({@code demand}), and
 * where in London it runs hot ({@code hotspots}, {@code major_incidents}).
 */
public final class DemandPipeline {
  /** The single key of the London-wide hotspot detector. */
  static final String LONDON = "LONDON";

  private DemandPipeline() {}

  /** Demand per area, and London's hotspots: two producers of points. */
  public static List<DataStream<InfluxPoint>> define(
      DataStream<IncidentEvent> uniqueIncidents, JobSettings settings) {
    DemandSettings demand = settings.demand();
    DataStream<Call> calls =
        uniqueIncidents
            .flatMap(new CallsFromIncidents())
            .name("calls by area and H3 cell")
            .uid("demand-calls");
    DataStream<InfluxPoint> byArea =
        calls
            .keyBy(Call::area)
            .process(
                new AreaDemand(
                    settings.tick(), demand.priorCallsPerHour(), demand.baselineWeight()))
            .name("demand per area, last hour vs seasonal")
            .uid("demand-per-area");
    DataStream<Call> londonCalls =
        calls
            .filter(c -> c.area().equals(Metrics.AREA_ALL))
            .name("calls, London")
            .uid("demand-calls-london");
    // Counted per cell, in parallel; only the changes go to the one London key.
    DataStream<CellCountChange> counts =
        londonCalls
            .flatMap(new CellFanOut())
            .name("calls to their H3 cell and its neighbours")
            .uid("demand-cell-fanout")
            .keyBy(CellCall::centre)
            .process(new CellCounter(settings.tick(), demand))
            .name("hotspot counts per H3 cell")
            .uid("demand-cell-counts");
    DataStream<InfluxPoint> london =
        londonCalls
            .connect(counts)
            .keyBy(c -> LONDON, c -> LONDON)
            .process(new HotspotDetector(settings.tick(), demand))
            .name("hotspots and major incidents")
            .uid("demand-hotspots");
    return List.of(byArea, london);
  }
}
