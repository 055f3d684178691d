package uk.ambulance.ops.generators.geo;

/** A named fixed place: an ambulance station or an emergency department. */
public interface Place {
  String id();

  String name();

  double lat();

  double lon();
}
