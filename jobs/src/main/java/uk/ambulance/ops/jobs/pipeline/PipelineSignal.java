package uk.ambulance.ops.jobs.pipeline;

/**
 * A count the pipeline reports about itself for one input stream: a record accepted, refused, seen
 * twice, an incident expired before closing, a change too late to apply. Summed per stream by
 * {@link PipelineStatsFunction}.
 */
public record PipelineSignal(
    String stream,
    long events,
    long rejected,
    long duplicates,
    long expired,
    long tooLate,
    long maxEventTimeMs) {

  public static PipelineSignal accepted(String stream, long eventTimeMs) {
    return new PipelineSignal(stream, 1, 0, 0, 0, 0, eventTimeMs);
  }

  public static PipelineSignal rejected(String stream) {
    return new PipelineSignal(stream, 0, 1, 0, 0, 0, Long.MIN_VALUE);
  }

  public static PipelineSignal duplicate(String stream) {
    return new PipelineSignal(stream, 0, 0, 1, 0, 0, Long.MIN_VALUE);
  }

  public static PipelineSignal expired(String stream) {
    return new PipelineSignal(stream, 0, 0, 0, 1, 0, Long.MIN_VALUE);
  }

  public static PipelineSignal tooLate(String stream) {
    return new PipelineSignal(stream, 0, 0, 0, 0, 1, Long.MIN_VALUE);
  }

  public PipelineSignal plus(PipelineSignal o) {
    return new PipelineSignal(
        stream,
        events + o.events,
        rejected + o.rejected,
        duplicates + o.duplicates,
        expired + o.expired,
        tooLate + o.tooLate,
        Math.max(maxEventTimeMs, o.maxEventTimeMs));
  }
}
