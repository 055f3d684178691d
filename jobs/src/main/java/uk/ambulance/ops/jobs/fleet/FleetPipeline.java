package uk.ambulance.ops.jobs.fleet;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * The fleet from AVL: latest status per vehicle, counts by area, status and type, silent feeds and
 * unit-hour utilisation ({@code fleet}, {@code fleet_feed}, {@code fleet_utilisation}).
 */
public final class FleetPipeline {
  private FleetPipeline() {}

  public static DataStream<InfluxPoint> define(
      KeyedStream<VehiclePosition, String> uniquePositions, JobSettings settings) {
    FleetSettings fleet = settings.fleet();
    return uniquePositions
        .process(new VehicleTracker(fleet))
        .name("latest status per vehicle")
        .uid("fleet-vehicles")
        .keyBy(FleetChange::area)
        .process(new FleetCounts(settings.tick(), fleet.outageShare()))
        .name("fleet by area, status and type")
        .uid("fleet-counts");
  }

  /**
   * The fleet's second clock, joined to AVL before its de-duplication. When the AVL feed stops
   * altogether its watermark stops too and, alone, no silence would ever be noticed. CAD's
   * watermark, carried by a stream without elements, keeps the clock going; while both run, time is
   * the earlier of the two, as it would be anyway.
   */
  public static DataStream<VehiclePosition> cadClock(DataStream<IncidentEvent> uniqueIncidents) {
    return uniqueIncidents
        .flatMap((FlatMapFunction<IncidentEvent, VehiclePosition>) (e, out) -> {})
        .returns(VehiclePosition.class)
        .name("CAD time for the fleet")
        .uid("fleet-cad-clock");
  }
}
