package uk.ambulance.ops.jobs.hospitals;

import org.apache.flink.streaming.api.datastream.DataStream;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.jobs.JobSettings;
import uk.ambulance.ops.jobs.points.InfluxPoint;

/**
 * Hospital pressure: crews waiting and handovers from CAD ({@code handovers}), the ED's own status
 * ({@code hospital_capacity}), and arrivals at an ED on divert.
 *
 * <p>The status stream reaches this pipeline without a watermark of its own (it is given the
 * status-feed watermark strategy at its source): its 15-minute gaps would otherwise hold back every
 * tick. Time is CAD's.
 */
public final class HospitalsPipeline {
  private HospitalsPipeline() {}

  public static DataStream<InfluxPoint> define(
      DataStream<IncidentEvent> uniqueIncidents,
      DataStream<HospitalStatus> uniqueStatuses,
      JobSettings settings) {
    DataStream<HospitalSignal> stays =
        uniqueIncidents
            .filter(HandoverTracker::isHospitalStep)
            .name("hospital steps")
            .uid("hospital-steps")
            .keyBy(HandoverTracker::stayKey)
            .process(new HandoverTracker(settings.allowedLateness(), settings.maxOpenIncidentAge()))
            .name("crew stays at EDs")
            .uid("hospital-stays");
    DataStream<HospitalSignal> statuses =
        uniqueStatuses.map(HospitalSignal::status).name("hospital status").uid("hospital-status");
    return stays
        .union(statuses)
        .keyBy(HospitalSignal::hospitalId)
        .process(new HospitalPressure(settings.tick(), settings.hospitals(), settings.centile()))
        .name("hospital pressure")
        .uid("hospital-pressure");
  }
}
