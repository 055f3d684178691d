package uk.ambulance.ops.jobs.demand;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import uk.ambulance.ops.events.geo.Borough;
import uk.ambulance.ops.events.geo.London;

/**
 * Calls of an ordinary London week, made the way the project's simulator makes them (branch {@code
 * gen}, not yet merged): a Poisson process whose rate follows the hour of day and day of week,
 * boroughs chosen by population with a normal scatter of 2.2 km, and 30% of calls repeating a
 * random incident of the last 45 minutes from within 80 m. A major incident adds calls at even
 * intervals from within 150 m of its site, half of them repeats of its earlier calls.
 */
final class SyntheticLondon {
  static final double[] HOUR_OF_DAY = {
    0.85, 0.76, 0.68, 0.60, 0.55, 0.55, 0.62, 0.76, 0.92, 1.06, 1.16, 1.21, //
    1.22, 1.19, 1.16, 1.15, 1.15, 1.16, 1.16, 1.13, 1.10, 1.06, 1.01, 0.93
  };
  static final double[] DAY_OF_WEEK = {1.06, 1.00, 0.98, 0.98, 1.00, 1.00, 0.98};
  private static final long HOUR = 3_600_000;
  private static final double KM_LAT = 1 / 111.2;
  private static final double KM_LON = 1 / (111.2 * Math.cos(Math.toRadians(51.5)));

  record Place(long timeMs, double lat, double lon) {}

  private final Random random;
  private final double callsPerDay;

  SyntheticLondon(long seed, double callsPerDay) {
    this.random = new Random(seed);
    this.callsPerDay = callsPerDay;
  }

  /** Calls from {@code start} (a Monday 00:00 UTC) for {@code days}. */
  List<Place> ordinary(long start, int days) {
    double hourMean = mean(HOUR_OF_DAY);
    double dayMean = mean(DAY_OF_WEEK);
    double peak = max(HOUR_OF_DAY) / hourMean * max(DAY_OF_WEEK) / dayMean;
    double peakPerMs = callsPerDay * peak / (24 * HOUR);
    long total = London.BOROUGHS.stream().mapToLong(Borough::population).sum();
    List<Place> calls = new ArrayList<>();
    List<Place> recent = new ArrayList<>();
    for (long t = start; ; ) {
      t += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) / peakPerMs));
      if (t >= start + days * 24 * HOUR) {
        return calls;
      }
      int hour = (int) ((t / HOUR) % 24);
      int day = (int) (((t - start) / (24 * HOUR)) % 7);
      double factor = HOUR_OF_DAY[hour] / hourMean * DAY_OF_WEEK[day] / dayMean;
      if (random.nextDouble() * peak >= factor) {
        continue; // thinning: a Poisson process with the hour's rate
      }
      long now = t;
      recent.removeIf(p -> now - p.timeMs() > 45 * 60_000);
      if (!recent.isEmpty() && random.nextDouble() < 0.30) {
        Place original = recent.get(random.nextInt(recent.size()));
        calls.add(near(t, original.lat(), original.lon(), 0.08));
        continue;
      }
      long pick = (long) (random.nextDouble() * total);
      Borough borough = London.BOROUGHS.get(0);
      for (Borough b : London.BOROUGHS) {
        borough = b;
        pick -= b.population();
        if (pick < 0) {
          break;
        }
      }
      Place call = near(t, borough.lat(), borough.lon(), 2.2);
      calls.add(call);
      recent.add(call);
    }
  }

  List<Place> majorIncident(long at, double lat, double lon, int count, long overMs) {
    List<Place> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t = at + overMs * i / (count - 1);
      if (i > 0 && random.nextBoolean()) {
        Place earlier = calls.get(random.nextInt(calls.size()));
        calls.add(near(t, earlier.lat(), earlier.lon(), 0.08));
      } else {
        calls.add(near(t, lat, lon, 0.15));
      }
    }
    return calls;
  }

  private Place near(long t, double lat, double lon, double sigmaKm) {
    return new Place(
        t,
        lat + random.nextGaussian() * sigmaKm * KM_LAT,
        lon + random.nextGaussian() * sigmaKm * KM_LON);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double max(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
