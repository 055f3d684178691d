package uk.ambulance.ops.jobs.points;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The job's point-producing operators, kept apart rather than united at once. A union cannot chain,
 * so a reader of the union takes every point across the network, serialised once for each reader:
 * with the sink, the alert rules and the standard at risk all reading the union, each of nearly two
 * million points a London day was serialised three times. A reader that wants only some points
 * filters them here, in each producer's own chain ({@link #each}), and only those cross.
 */
public final class PointStreams {
  private final List<DataStream<InfluxPoint>> producers;

  private PointStreams(List<DataStream<InfluxPoint>> producers) {
    this.producers = List.copyOf(producers);
  }

  public static PointStreams of(List<? extends DataStream<InfluxPoint>> producers) {
    if (producers.isEmpty()) {
      throw new IllegalArgumentException("no point streams");
    }
    return new PointStreams(List.copyOf(producers));
  }

  /** These and one more producer. */
  public PointStreams with(DataStream<InfluxPoint> producer) {
    List<DataStream<InfluxPoint>> more = new ArrayList<>(producers);
    more.add(producer);
    return new PointStreams(more);
  }

  /** Every point: for the sink, which writes them all. */
  public DataStream<InfluxPoint> all() {
    return union(producers);
  }

  /**
   * What {@code perProducer} makes of each producer's points, united. Give it a filter or flat map
   * with default partitioning: it then runs chained to the producer, before anything is serialised.
   */
  public <T> DataStream<T> each(Function<DataStream<InfluxPoint>, DataStream<T>> perProducer) {
    List<DataStream<T>> read = new ArrayList<>();
    for (DataStream<InfluxPoint> producer : producers) {
      read.add(perProducer.apply(producer));
    }
    return union(read);
  }

  @SuppressWarnings("unchecked")
  private static <T> DataStream<T> union(List<DataStream<T>> streams) {
    DataStream<T> first = streams.get(0);
    return streams.size() == 1
        ? first
        : first.union(streams.subList(1, streams.size()).toArray(new DataStream[0]));
  }
}
