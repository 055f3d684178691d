package uk.ambulance.ops.generators.sim;

import java.util.Map;
import java.util.SplittableRandom;
import uk.ambulance.ops.events.model.Category;

/** The distributions the model draws from, over a seeded generator. */
final class Rng {
  private final SplittableRandom random;

  Rng(SplittableRandom random) {
    this.random = random;
  }

  Rng split() {
    return new Rng(random.split());
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  int below(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  double gaussian() {
    return random.nextGaussian();
  }

  double exponential(double mean) {
    return mean * random.nextExponential();
  }

  /** Log-normal with the given median; sigma is the spread of its logarithm. */
  double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  /** A category drawn with the given weights (need not sum to one). */
  Category category(Map<Category, Double> weights) {
    double total = 0;
    for (Category c : Category.values()) {
      total += weights.getOrDefault(c, 0.0);
    }
    double x = random.nextDouble() * total;
    Category last = Category.C1;
    for (Category c : Category.values()) {
      double w = weights.getOrDefault(c, 0.0);
      if (w <= 0) {
        continue;
      }
      last = c;
      if (x < w) {
        return c;
      }
      x -= w;
    }
    return last;
  }
}
