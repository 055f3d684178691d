package uk.ambulance.ops.events;

/** Kafka topic names of the wire contract. The only place they are spelled out. */
public final class Topics {
  /** Incident lifecycle events from the dispatch system (CAD); key: incidentId. */
  public static final String CAD_INCIDENTS = "cad.incidents";

  /** Vehicle location and status (AVL); key: vehicleId. */
  public static final String AVL_POSITIONS = "avl.positions";

  /** Emergency-department capacity; key: hospitalId. */
  public static final String HOSPITAL_STATUS = "hospital.status";

  /** Out: alerts raised and resolved; key: alert key. */
  public static final String OPS_ALERTS = "ops.alerts";

  /** Out: records the system refused, with the reason; key: as received. */
  public static final String OPS_DEADLETTER = "ops.deadletter";

  /** The three input topics. */
  public static final java.util.List<String> INPUTS =
      java.util.List.of(CAD_INCIDENTS, AVL_POSITIONS, HOSPITAL_STATUS);

  /** The two output topics. */
  public static final java.util.List<String> OUTPUTS =
      java.util.List.of(OPS_ALERTS, OPS_DEADLETTER);

  private Topics() {}
}
