package uk.ambulance.ops.generators.geo;

/** Small-scale geometry on London's latitude: distances, bearings and points along a line. */
public final class Geo {
  private static final double EARTH_RADIUS_KM = 6371.0;

  private Geo() {}

  /** Great-circle distance in kilometres (haversine). */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
  }

  /** Initial bearing from the first point to the second, degrees clockwise from north, 0..360. */
  public static double bearingDeg(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dLon = Math.toRadians(lon2 - lon1);
    double y = Math.sin(dLon) * Math.cos(phi2);
    double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
    double deg = Math.toDegrees(Math.atan2(y, x));
    return deg < 0 ? deg + 360 : deg;
  }

  /** Degrees of latitude per kilometre. */
  public static double latDegPerKm() {
    return 1.0 / 111.32;
  }

  /** Degrees of longitude per kilometre at the given latitude. */
  public static double lonDegPerKm(double lat) {
    return 1.0 / (111.32 * Math.cos(Math.toRadians(lat)));
  }
}
