package uk.ambulance.ops.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedSampleTest {

  /** Against a list re-sorted from scratch after every change. */
  @Test
  void matchesAFreshSortAfterEveryInsertionAndRemoval() {
    Random random = new Random(3);
    SortedSample sample = new SortedSample();
    List<Long> reference = new ArrayList<>();
    for (int step = 0; step < 5000; step++) {
      if (!reference.isEmpty() && random.nextInt(3) == 0) {
        long gone = reference.remove(random.nextInt(reference.size()));
        sample.remove(gone, false);
      } else {
        long value = random.nextInt(10_000);
        reference.add(value);
        sample.add(value, false);
      }
      long[] sorted = reference.stream().mapToLong(Long::longValue).sorted().toArray();
      ResponseStats stats = sample.stats(CentileDefinition.LINEAR);
      assertThat(stats.count()).isEqualTo(sorted.length);
      if (sorted.length > 0) {
        double mean = reference.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(stats.meanMs()).isCloseTo(mean, within(1e-6));
        assertThat(stats.p90Ms())
            .isEqualTo(CentileDefinition.LINEAR.of(sorted, sorted.length, 0.9));
      }
    }
  }

  @Test
  void countsProvisionalEntries() {
    SortedSample sample = new SortedSample();
    sample.add(5, true);
    sample.add(7, false);
    sample.add(5, false);
    sample.remove(5, true);
    assertThat(sample.stats(CentileDefinition.LINEAR).provisional()).isZero();
    assertThat(sample.stats(CentileDefinition.LINEAR).count()).isEqualTo(2);
  }
}
