package uk.ambulance.ops.generators.sim;

import uk.ambulance.ops.events.geo.Borough;
import uk.ambulance.ops.events.geo.London;
import uk.ambulance.ops.generators.geo.Geo;

/**
 * When and where calls arrive: a Poisson process whose rate follows the hour of day and day of week
 * (drawn by thinning), at places spread around borough centres in proportion to population.
 */
final class Demand {
  private static final long HOUR = 3_600_000L;

  /** Greater London proper: calls come from inside it. */
  private static final double MIN_LAT = 51.29;

  private static final double MAX_LAT = 51.69;
  private static final double MIN_LON = -0.50;
  private static final double MAX_LON = 0.33;

  private final SimSettings.Demand settings;
  private final Rng rng;
  private final LocalTime clock = new LocalTime();
  private final double[] hour;
  private final double[] day;
  private final double peakPerMilli;
  private final long totalPopulation;

  Demand(SimSettings.Demand settings, Rng rng) {
    this.settings = settings;
    this.rng = rng;
    this.hour = normalised(settings.hourOfDayProfile());
    this.day = normalised(settings.dayOfWeekProfile());
    this.peakPerMilli = perMilli(max(hour) * max(day));
    long population = 0;
    for (Borough b : London.BOROUGHS) {
      population += b.population();
    }
    this.totalPopulation = population;
  }

  private double perMilli(double factor) {
    return settings.callsPerDay() * settings.demandFactor() * factor / (24.0 * HOUR);
  }

  /** The time of the next call after {@code now}. */
  long nextCall(long now) {
    long t = now;
    while (true) {
      t += Math.max(1, Math.round(rng.exponential(1 / peakPerMilli)));
      double rate = perMilli(hour[clock.hour(t)] * day[clock.dayOfWeek(t)]);
      if (rng.uniform() * peakPerMilli < rate) {
        return t;
      }
    }
  }

  /** A place a call comes from: a borough chosen by population, scattered around its centre. */
  double[] location() {
    long pick = (long) (rng.uniform() * totalPopulation);
    Borough borough = London.BOROUGHS.get(0);
    for (Borough b : London.BOROUGHS) {
      borough = b;
      pick -= b.population();
      if (pick < 0) {
        break;
      }
    }
    return near(borough.lat(), borough.lon(), settings.scatterKm());
  }

  /** A point scattered around a centre (normal, sigma in km), kept inside Greater London. */
  double[] near(double lat, double lon, double sigmaKm) {
    for (int attempt = 0; attempt < 50; attempt++) {
      double la = lat + rng.gaussian() * sigmaKm * Geo.latDegPerKm();
      double lo = lon + rng.gaussian() * sigmaKm * Geo.lonDegPerKm(lat);
      if (la >= MIN_LAT && la <= MAX_LAT && lo >= MIN_LON && lo <= MAX_LON) {
        return new double[] {Emitter.round6(la), Emitter.round6(lo)};
      }
    }
    return new double[] {lat, lon};
  }

  static double[] normalised(double[] profile) {
    double sum = 0;
    for (double v : profile) {
      sum += v;
    }
    double[] out = new double[profile.length];
    for (int i = 0; i < profile.length; i++) {
      out[i] = profile[i] * profile.length / sum;
    }
    return out;
  }

  private static double max(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
