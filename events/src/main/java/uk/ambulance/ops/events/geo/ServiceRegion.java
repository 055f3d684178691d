package uk.ambulance.ops.events.geo;

import java.io.Serializable;

/**
 * The rectangle in which incident, vehicle and hospital locations are believed. A location outside
 * it is a corrupt record, not a call. The default is Greater London with a margin of about 10 km
 * for vehicles that cross the boundary (to Heathrow's west, to hospitals just outside).
 */
public record ServiceRegion(String name, double minLat, double maxLat, double minLon, double maxLon)
    implements Serializable {

  /** Greater London (51.28..51.70 N, 0.51 W..0.34 E) widened by about 0.1 degree. */
  public static final ServiceRegion GREATER_LONDON =
      new ServiceRegion("Greater London", 51.18, 51.80, -0.66, 0.49);

  public ServiceRegion {
    if (!(minLat < maxLat) || !(minLon < maxLon)) {
      throw new IllegalArgumentException("empty service region " + name);
    }
  }

  public boolean contains(double lat, double lon) {
    return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
  }

  /** Parses {@code minLat,maxLat,minLon,maxLon}, as given on a command line. */
  public static ServiceRegion parse(String name, String bounds) {
    String[] parts = bounds.split(",");
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "region must be minLat,maxLat,minLon,maxLon, got '" + bounds + "'");
    }
    try {
      return new ServiceRegion(
          name,
          Double.parseDouble(parts[0].trim()),
          Double.parseDouble(parts[1].trim()),
          Double.parseDouble(parts[2].trim()),
          Double.parseDouble(parts[3].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("region bounds must be numbers, got '" + bounds + "'");
    }
  }
}
