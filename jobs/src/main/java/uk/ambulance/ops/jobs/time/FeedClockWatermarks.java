package uk.ambulance.ops.jobs.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/** One split's watermarks from its {@link FeedClock}; Kafka sources make one per partition. */
final class FeedClockWatermarks<T> implements WatermarkGenerator<T> {
  private final FeedClock clock;
  private final WallClock wall;

  FeedClockWatermarks(FeedClock clock, WallClock wall) {
    this.clock = clock;
    this.wall = wall;
  }

  @Override
  public void onEvent(T event, long timestamp, WatermarkOutput output) {
    // Refused records carry Long.MIN_VALUE: they say nothing about time.
    if (timestamp != Long.MIN_VALUE) {
      clock.onEvent(timestamp, wall.nowMillis());
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long now = wall.nowMillis();
    if (clock.state(now) == FeedClock.State.IDLE) {
      output.markIdle();
      return;
    }
    long watermark = clock.watermark(now);
    if (watermark != FeedClock.NONE) {
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
