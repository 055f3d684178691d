package uk.ambulance.ops.events.model;

/** National call category of the Ambulance Response Programme. C1 is the most urgent. */
public enum Category {
  C1,
  C2,
  C3,
  C4;

  /** True when this category is more urgent than {@code other}. */
  public boolean isHigherThan(Category other) {
    return ordinal() < other.ordinal();
  }
}
