package uk.ambulance.ops.generators.output;

import java.util.HashSet;
import java.util.Set;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.VehiclePosition;
import uk.ambulance.ops.generators.sim.SimOutput;
import uk.ambulance.ops.generators.truth.GroundTruth;

/**
 * Keeps a warm-up out of the streams. The simulation runs from before {@code publishFrom} so that
 * queues, crews at hospitals and the fleet are in their steady state when publishing starts, but
 * nothing of the warm-up is sent: an incident whose call was connected before {@code publishFrom}
 * is left out entirely (its later events too, so no reader sees half an incident), hospital
 * statuses before it are dropped, and so are vehicle positions before {@code positionsFrom}
 * (usually later: the position feed is most of the volume and only its recent past matters). The
 * simulation itself runs exactly as without the window: dropped positions are still made (cheap;
 * only sending them costs), so the fleet's own schedule is the same either way.
 */
public final class PublishWindow implements SimOutput {
  private final SimOutput next;
  private final long publishFrom;
  private final long positionsFrom;
  private final Set<String> warmUpIncidents = new HashSet<>();

  public PublishWindow(SimOutput next, long publishFromMillis, long positionsFromMillis) {
    this.next = next;
    this.publishFrom = publishFromMillis;
    this.positionsFrom = Math.max(publishFromMillis, positionsFromMillis);
  }

  @Override
  public void incident(IncidentEvent event) {
    if (event.type() == IncidentEventType.CALL_CONNECTED && event.timeMillis() < publishFrom) {
      warmUpIncidents.add(event.incidentId());
    }
    if (!warmUpIncidents.contains(event.incidentId())) {
      next.incident(event);
    }
  }

  @Override
  public void vehicle(VehiclePosition position) {
    if (position.timeMillis() >= positionsFrom) {
      next.vehicle(position);
    }
  }

  @Override
  public void hospital(HospitalStatus status) {
    if (status.timeMillis() >= publishFrom) {
      next.hospital(status);
    }
  }

  @Override
  public void truth(GroundTruth truth) {
    // The truth comes last, right after the closure: the incident is then forgotten.
    if (!warmUpIncidents.remove(truth.incidentId())) {
      next.truth(truth);
    }
  }

  @Override
  public boolean wantsVehiclePositions() {
    return next.wantsVehiclePositions();
  }
}
