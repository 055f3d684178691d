package uk.ambulance.ops.events.model;

/** How an incident ended. */
public enum Outcome {
  HEAR_AND_TREAT,
  SEE_AND_TREAT,
  CONVEYED_ED,
  CONVEYED_OTHER,
  CANCELLED,
  DUPLICATE;

  public boolean isConveyed() {
    return this == CONVEYED_ED || this == CONVEYED_OTHER;
  }

  /** Cancelled or closed as a duplicate: excluded from response times when nobody arrived. */
  public boolean isWithdrawn() {
    return this == CANCELLED || this == DUPLICATE;
  }
}
