package uk.ambulance.ops.jobs.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Outcome;

class OutcomeCountsTest {
  @Test
  void countsIncidentsByOutcomeButNotDuplicateCalls() {
    OutcomeCounts counts = new OutcomeCounts();
    for (Outcome o : Outcome.values()) {
      counts.add(new OutcomeEntry("i-" + o, o));
    }
    counts.add(new OutcomeEntry("x", Outcome.CONVEYED_ED));
    counts.remove(new OutcomeEntry("x", Outcome.CONVEYED_ED));
    assertThat(counts.point("ALL", "1h", 0).fields())
        .containsEntry("incidents", 5L) // all but the duplicate call
        .containsEntry("hear_and_treat", 1L)
        .containsEntry("see_and_treat", 1L)
        .containsEntry("conveyed", 2L); // to an ED and elsewhere
  }
}
