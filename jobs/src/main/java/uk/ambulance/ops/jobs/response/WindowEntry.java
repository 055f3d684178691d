package uk.ambulance.ops.jobs.response;

/** One incident's response time inside a window bucket. */
public record WindowEntry(String incidentId, long responseMs, boolean provisional) {}
