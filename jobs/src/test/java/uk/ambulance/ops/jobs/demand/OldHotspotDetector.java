package uk.ambulance.ops.jobs.demand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics.Hotspots;
import uk.ambulance.ops.events.Metrics.MajorIncidents;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * The hotspot detector as it was before the counting moved to {@link CellCounter}: all of London
 * under one key, which at every tick counts every cell with a call in the last hour ({@link
 * CellCounts}) and sums each centre's disk itself. The brute-force reference of {@link
 * HotspotDetectorEquivalenceTest}: the counting and learning are the old ones; scoring and flagging
 * ({@link CellScores}, {@link HotspotPoints#flag}) did not change and are shared.
 */
class OldHotspotDetector extends KeyedProcessFunction<String, Call, InfluxPoint> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;

  private final DemandSettings settings;
  private final long tickMs;
  private final long windowMs;
  private final long minutesMs;
  private final long keepMs;

  private transient HexGrid grid;
  private transient CellScores scores;
  private transient HotspotPoints hot;
  private transient HotspotPoints major;
  private transient MapState<String, List<Long>> recent;
  private transient MapState<String, Boolean> hotCells;
  private transient MapState<String, Boolean> majorCentres;
  private transient OneTimer nextTick;
  private transient ValueState<Long> sweptAt;
  private transient HourlyCalls hours;
  private transient CellShares shares;

  OldHotspotDetector(java.time.Duration tick, DemandSettings settings) {
    this.settings = settings;
    this.tickMs = tick.toMillis();
    this.windowMs = settings.hotspotWindow().toMillis();
    this.minutesMs = settings.majorIncidentWindow().toMillis();
    this.keepMs = Math.max(windowMs, minutesMs);
  }

  @Override
  public void open(OpenContext openContext) {
    grid = new HexGrid();
    scores = new CellScores(grid, settings);
    hot = new HotspotPoints(grid, Hotspots.MEASUREMENT, Hotspots.HOT);
    major = new HotspotPoints(grid, MajorIncidents.MEASUREMENT, MajorIncidents.ACTIVE);
    // No TTL: learned shares and the baseline are meant to stay, and ticks clear the rest.
    KeyedStates states = KeyedStates.withoutTtl(getRuntimeContext());
    recent = states.map("recent", Types.STRING, Types.LIST(Types.LONG));
    hotCells = states.map("hot", Types.STRING, Types.BOOLEAN);
    majorCentres = states.map("major", Types.STRING, Types.BOOLEAN);
    nextTick = states.timer("next-tick");
    sweptAt = states.time("swept-at");
    hours = new HourlyCalls(states, settings.baselineWeight());
    shares = new CellShares(states, settings);
  }

  @Override
  public void processElement(Call call, Context ctx, Collector<InfluxPoint> out) throws Exception {
    hours.count(call.timeMs());
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && call.timeMs() <= watermark - keepMs) {
      // Out of every window already: only the learned share can still use it.
      shares.learn(call.cell(), call.timeMs(), watermark);
      return;
    }
    List<Long> times = recent.get(call.cell());
    times = times == null ? new ArrayList<>() : new ArrayList<>(times);
    times.add(call.timeMs());
    recent.put(call.cell(), times);
    nextTick.noLaterThan(Ticks.next(call.timeMs(), watermark, tickMs), ctx.timerService());
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    SeasonalBaseline baseline = hours.baselineAsOf(t, settings.priorCallsPerHour());
    Map<String, CellCounts> counts = countAndLearn(t);
    double londonWindow = baseline.expected(t - windowMs, t);
    double londonMinutes = baseline.expected(t - minutesMs, t);
    Map<String, Long> windowCalls = new TreeMap<>();
    Map<String, Long> diskCalls = new TreeMap<>();
    for (Map.Entry<String, CellCounts> e : counts.entrySet()) {
      windowCalls.put(e.getKey(), e.getValue().window());
      if (e.getValue().minutes() > 0) {
        long disk = 0;
        for (String cell : grid.neighbourhood(e.getKey())) {
          CellCounts c = counts.get(cell);
          disk += c == null ? 0 : c.minutes();
        }
        diskCalls.put(e.getKey(), disk);
      }
    }
    hot.flag(
        hotCells, scores.hotspots(windowCalls, c -> shares.shareAt(c, t) * londonWindow), t, out);
    major.flag(
        majorCentres,
        scores.majorIncidents(diskCalls, c -> shares.shareAt(c, t) * londonMinutes),
        t,
        out);
    Long swept = sweptAt.value();
    if (swept == null || t - swept >= HOUR) {
      shares.sweep(t);
      sweptAt.update(t);
    }
    if (!recent.isEmpty() || !hotCells.isEmpty() || !majorCentres.isEmpty()) {
      nextTick.then(t + tickMs, ctx.timerService());
    } else {
      nextTick.clear();
    }
  }

  /** Counts as of {@code t}; calls that left both windows go to the learned shares. */
  private Map<String, CellCounts> countAndLearn(long t) throws Exception {
    Map<String, CellCounts> counts = new HashMap<>();
    Map<String, List<Long>> shortened = new HashMap<>();
    for (Map.Entry<String, List<Long>> e : recent.entries()) {
      CellCounts c = CellCounts.of(e.getValue(), t, windowMs, minutesMs);
      if (c.any()) {
        counts.put(e.getKey(), c);
      }
      List<Long> kept = new ArrayList<>(0);
      for (long time : e.getValue()) {
        if (time > t - keepMs) {
          kept.add(time);
        } else {
          shares.learn(e.getKey(), time, t);
        }
      }
      if (kept.size() < e.getValue().size()) {
        shortened.put(e.getKey(), kept);
      }
    }
    for (Map.Entry<String, List<Long>> e : shortened.entrySet()) {
      if (e.getValue().isEmpty()) {
        recent.remove(e.getKey());
      } else {
        recent.put(e.getKey(), e.getValue());
      }
    }
    return counts;
  }
}
