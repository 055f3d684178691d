package uk.ambulance.ops.jobs.time;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * A feed that reports how things are, not what time it is (hospital status, every 15 minutes or on
 * change): it is idle from the start and stays so, so wherever it is combined with CAD, time is
 * CAD's alone, and when CAD is quiet too, time stands still instead of jumping anywhere. Its
 * records still flow; the operators that use them apply each from its own time.
 */
final class StandsAside<T> implements WatermarkGenerator<T> {
  @Override
  public void onEvent(T event, long timestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.markIdle();
  }
}
