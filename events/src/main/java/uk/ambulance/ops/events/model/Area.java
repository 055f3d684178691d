package uk.ambulance.ops.events.model;

/** The five operational areas of the London Ambulance Service. */
public enum Area {
  NW("North West"),
  NC("North Central"),
  NE("North East"),
  SW("South West"),
  SE("South East");

  /** The tag value used in metrics for "all areas together". */
  public static final String ALL = "ALL";

  private final String displayName;

  Area(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
