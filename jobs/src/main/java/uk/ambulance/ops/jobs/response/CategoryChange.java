package uk.ambulance.ops.jobs.response;

import uk.ambulance.ops.events.model.Category;

/** A categorisation (first triage, upgrade or downgrade) and when it happened. */
public record CategoryChange(long timeMs, Category category) {}
