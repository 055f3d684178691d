package uk.ambulance.ops.generators.sim;

/**
 * A part of the model (calls, jobs, hospitals): it reads the settings, schedules on the one event
 * queue, emits records through the one emitter and draws from a random stream of its own, so that a
 * change in one part's draws leaves the others' as they were.
 */
abstract class ModelPart {
  /** What every part of one run shares. */
  record Shared(SimSettings settings, EventQueue queue, Emitter emitter) {}

  protected final SimSettings settings;
  protected final EventQueue queue;
  protected final Emitter emitter;
  protected final Rng rng;

  ModelPart(Shared shared, Rng rng) {
    this.settings = shared.settings();
    this.queue = shared.queue();
    this.emitter = shared.emitter();
    this.rng = rng;
  }
}
