package uk.ambulance.ops.jobs.time;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import uk.ambulance.ops.jobs.edge.DropDuplicateEvents;
import uk.ambulance.ops.jobs.edge.Inbound;

/**
 * The event-time rules of every input, in one place.
 *
 * <p>Feeds that say what time it is (CAD, AVL) get a {@link FeedClock} per partition: live, a quiet
 * partition's time runs on with the wall clock and never past it; in a replay, the data alone sets
 * the time. A feed that only reports how things are (hospital status) {@link StandsAside}: it never
 * holds time back and never moves it.
 *
 * <p>Refused records have no trustworthy time and move nothing.
 */
public final class EventTimes implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean live;
  private final Duration outOfOrderness;
  private final Duration idleness;
  private final WallClock wall;

  public EventTimes(boolean live, Duration outOfOrderness, Duration idleness, WallClock wall) {
    this.live = live;
    this.outOfOrderness = outOfOrderness;
    this.idleness = idleness;
    this.wall = wall;
  }

  /** A feed whose records carry the time: CAD incidents, AVL positions. */
  public <T> WatermarkStrategy<Inbound<T>> clockFeed(DropDuplicateEvents.EventTime<T> eventTime) {
    WatermarkGeneratorSupplier<Inbound<T>> generators = ctx -> newGenerator();
    return WatermarkStrategy.forGenerator(generators)
        .withTimestampAssigner(
            (in, kafkaTime) -> in.isAccepted() ? eventTime.millis(in.event) : Long.MIN_VALUE);
  }

  /** A feed that reports state, not time: hospital status. */
  public static <T> WatermarkStrategy<Inbound<T>> statusFeed() {
    return WatermarkStrategy.<Inbound<T>>forGenerator(ctx -> new StandsAside<>())
        .withTimestampAssigner((in, kafkaTime) -> Long.MIN_VALUE);
  }

  private <T> WatermarkGenerator<T> newGenerator() {
    FeedClock clock =
        live
            ? FeedClock.live(outOfOrderness, idleness, wall.nowMillis())
            : FeedClock.replay(outOfOrderness);
    return new FeedClockWatermarks<>(clock, wall);
  }
}
