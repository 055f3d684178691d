package uk.ambulance.ops.events.geo;

import java.util.List;
import uk.ambulance.ops.events.model.Area;

/**
 * London's 32 boroughs and the City: approximate population-weighted centres and 2021 census
 * populations. The grouping into the five LAS operational areas is this project's approximation
 * (the service does not publish a borough list); it decides the {@code area} of a call that arrives
 * without one, by the nearest borough centre.
 */
public final class London {
  public static final List<Borough> BOROUGHS =
      List.of(
          new Borough("City of London", 51.5155, -0.0922, 8_600, Area.NC),
          new Borough("Westminster", 51.5120, -0.1530, 204_300, Area.NC),
          new Borough("Camden", 51.5450, -0.1630, 210_100, Area.NC),
          new Borough("Islington", 51.5460, -0.1060, 216_600, Area.NC),
          new Borough("Kensington and Chelsea", 51.4990, -0.1940, 143_400, Area.NC),
          new Borough("Haringey", 51.5900, -0.1110, 264_200, Area.NC),
          new Borough("Enfield", 51.6520, -0.0810, 329_600, Area.NC),
          new Borough("Barnet", 51.6250, -0.2080, 389_300, Area.NW),
          new Borough("Brent", 51.5580, -0.2680, 339_800, Area.NW),
          new Borough("Harrow", 51.5880, -0.3420, 261_200, Area.NW),
          new Borough("Ealing", 51.5130, -0.3080, 367_100, Area.NW),
          new Borough("Hillingdon", 51.5360, -0.4480, 305_900, Area.NW),
          new Borough("Hounslow", 51.4680, -0.3630, 288_200, Area.NW),
          new Borough("Hammersmith and Fulham", 51.4920, -0.2230, 183_200, Area.NW),
          new Borough("Hackney", 51.5450, -0.0550, 259_200, Area.NE),
          new Borough("Tower Hamlets", 51.5150, -0.0330, 310_300, Area.NE),
          new Borough("Newham", 51.5250, 0.0350, 351_100, Area.NE),
          new Borough("Waltham Forest", 51.5900, -0.0180, 278_400, Area.NE),
          new Borough("Redbridge", 51.5760, 0.0700, 310_300, Area.NE),
          new Borough("Barking and Dagenham", 51.5540, 0.1340, 218_900, Area.NE),
          new Borough("Havering", 51.5570, 0.2180, 262_100, Area.NE),
          new Borough("Wandsworth", 51.4550, -0.1910, 327_500, Area.SW),
          new Borough("Richmond upon Thames", 51.4410, -0.3120, 195_200, Area.SW),
          new Borough("Kingston upon Thames", 51.3910, -0.2890, 168_100, Area.SW),
          new Borough("Merton", 51.4100, -0.1880, 215_200, Area.SW),
          new Borough("Sutton", 51.3580, -0.1730, 209_600, Area.SW),
          new Borough("Croydon", 51.3720, -0.0990, 390_800, Area.SW),
          new Borough("Lambeth", 51.4600, -0.1170, 317_600, Area.SE),
          new Borough("Southwark", 51.4730, -0.0800, 307_700, Area.SE),
          new Borough("Lewisham", 51.4450, -0.0180, 300_600, Area.SE),
          new Borough("Greenwich", 51.4750, 0.0620, 289_100, Area.SE),
          new Borough("Bexley", 51.4550, 0.1500, 246_500, Area.SE),
          new Borough("Bromley", 51.3720, 0.0510, 330_000, Area.SE));

  private London() {}

  /** The borough whose centre is nearest (equirectangular distance, fine at this scale). */
  public static Borough nearestBorough(double lat, double lon) {
    double cosLat = Math.cos(Math.toRadians(51.5));
    Borough best = null;
    double bestDistance = Double.MAX_VALUE;
    for (Borough b : BOROUGHS) {
      double dLat = b.lat() - lat;
      double dLon = (b.lon() - lon) * cosLat;
      double d = dLat * dLat + dLon * dLon;
      if (d < bestDistance) {
        bestDistance = d;
        best = b;
      }
    }
    return best;
  }

  /** The operational area a location falls in. */
  public static Area areaOf(double lat, double lon) {
    return nearestBorough(lat, lon).area();
  }
}
