package uk.ambulance.ops.generators.output;

/**
 * One record on its way to a topic: the key the contract asks for, the event time (for pacing and
 * ordering) and the bytes exactly as published.
 */
public record OutRecord(String topic, String key, long timeMillis, byte[] value) {}
