package uk.ambulance.ops.jobs.sink.alertmanager;

import uk.ambulance.ops.events.model.Alert;

/**
 * An alert the writer still has to tell Alertmanager about: a firing one (re-sent until it
 * resolves) or a resolved one (sent until Alertmanager took it), with the time it started firing.
 */
public record Delivery(Alert alert, long startsAtMs) {}
