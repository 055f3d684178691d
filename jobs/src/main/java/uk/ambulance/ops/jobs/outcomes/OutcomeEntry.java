package uk.ambulance.ops.jobs.outcomes;

import uk.ambulance.ops.events.model.Outcome;

/** One closed incident in an outcome window. */
public record OutcomeEntry(String incidentId, Outcome outcome) {}
