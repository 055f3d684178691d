package uk.ambulance.ops.jobs.demand;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Metrics.Hotspots;
import uk.ambulance.ops.events.Metrics.MajorIncidents;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * All of London under one key: every tick of event time while there are recent calls, scores the
 * cells that can be flagged, each cell's count in the hotspot window against its expectation and
 * each cell with its six neighbours over the few minutes of the major-incident window.
 *
 * <p>The counting is done per cell, in parallel, by {@link CellCounter}, which sends a cell's
 * counts only at the ticks where they change (second input); this function keeps the latest counts
 * of the cells that reach the minimum calls, so a tick costs what those few cells cost, not a walk
 * over every cell with a call in the last hour. A change for tick t reaches it before the watermark
 * t (the counter sends it from its own timer at t, and Flink fires timers before forwarding the
 * watermark), but possibly with those of later ticks when the watermark jumps: so changes wait for
 * their tick. The arithmetic lives beside it: the scores ({@link CellScores}) and the points
 * ({@link HotspotPoints}).
 *
 * <p>A cell's expectation is its learned share of London's calls ({@link CellShares}) times
 * London's seasonal expectation for the window ({@link SeasonalBaseline}). A call (first input)
 * teaches the share only once it has left the recent windows, so a burst does not raise its own
 * expectation while it is being judged: calls wait for that tick. The decay is exponential, so the
 * weight a call adds does not depend on when it is learned, only on its time (up to rounding). The
 * score is -log10 of the Poisson probability of at least the count.
 *
 * <p>One key is enough for what is left: London has 6,000 to 8,000 calls a day. Calls wait at most
 * the longer window; learned weights until they are negligible (swept hourly); the baseline is 168
 * numbers.
 */
public class HotspotDetector
    extends KeyedCoProcessFunction<String, Call, CellCountChange, InfluxPoint> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;

  private final DemandSettings settings;
  private final long tickMs;
  private final long windowMs;
  private final long minutesMs;
  private final long keepMs;

  private transient CellScores scores;
  private transient HotspotPoints hot;
  private transient HotspotPoints major;
  private transient MapState<String, List<Long>> oldRecent;
  private transient TickQueue<Call> toLearn;
  private transient TickQueue<CellCountChange> changes;
  private transient MapState<String, CellCountChange> flaggable;
  private transient MapState<String, Boolean> hotCells;
  private transient MapState<String, Boolean> majorCentres;
  private transient OneTimer nextTick;
  private transient ValueState<Long> sweptAt;
  private transient HourlyCalls hours;
  private transient CellShares shares;

  public HotspotDetector(java.time.Duration tick, DemandSettings settings) {
    this.settings = settings;
    this.tickMs = tick.toMillis();
    this.windowMs = settings.hotspotWindow().toMillis();
    this.minutesMs = settings.majorIncidentWindow().toMillis();
    this.keepMs = Math.max(windowMs, minutesMs);
  }

  @Override
  public void open(OpenContext openContext) {
    HexGrid grid = new HexGrid();
    scores = new CellScores(grid, settings);
    hot = new HotspotPoints(grid, Hotspots.MEASUREMENT, Hotspots.HOT);
    major = new HotspotPoints(grid, MajorIncidents.MEASUREMENT, MajorIncidents.ACTIVE);
    // No TTL: learned shares and the baseline are meant to stay, and ticks clear the rest.
    KeyedStates states = KeyedStates.withoutTtl(getRuntimeContext());
    // Earlier versions kept every recent call time here, by cell, and counted them at each tick.
    // Registered so that a restored savepoint's times move to the calls to learn at the first tick
    // and leave the snapshots.
    oldRecent = states.map("recent", Types.STRING, Types.LIST(Types.LONG));
    toLearn =
        new TickQueue<>(
            states.map("calls-to-learn", Types.LONG, Types.LIST(TypeInformation.of(Call.class))));
    changes =
        new TickQueue<>(
            states.map(
                "count-changes",
                Types.LONG,
                Types.LIST(TypeInformation.of(CellCountChange.class))));
    flaggable =
        states.map("flaggable-counts", Types.STRING, TypeInformation.of(CellCountChange.class));
    hotCells = states.map("hot", Types.STRING, Types.BOOLEAN);
    majorCentres = states.map("major", Types.STRING, Types.BOOLEAN);
    nextTick = states.timer("next-tick");
    sweptAt = states.time("swept-at");
    hours = new HourlyCalls(states, settings.baselineWeight());
    shares = new CellShares(states, settings);
  }

  @Override
  public void processElement1(Call call, Context ctx, Collector<InfluxPoint> out) throws Exception {
    hours.count(call.timeMs());
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && call.timeMs() <= watermark - keepMs) {
      // Out of every window already: only the learned share can still use it.
      shares.learn(call.cell(), call.timeMs(), watermark);
      return;
    }
    // The first tick the call is out of both windows: after the watermark, as the call is not.
    toLearn.add(Ticks.atOrAfter(call.timeMs() + keepMs, tickMs), call);
    nextTick.noLaterThan(Ticks.next(call.timeMs(), watermark, tickMs), ctx.timerService());
  }

  @Override
  public void processElement2(CellCountChange change, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    long at = Ticks.next(change.tick(), ctx.timerService().currentWatermark(), tickMs);
    changes.add(at, change);
    nextTick.noLaterThan(at, ctx.timerService());
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    moveOldRecent(t);
    for (Call call : toLearn.take(t)) {
      shares.learn(call.cell(), call.timeMs(), t);
    }
    for (CellCountChange change : changes.take(t)) {
      if (change.canBeFlagged(settings)) {
        flaggable.put(change.cell(), change);
      } else {
        flaggable.remove(change.cell());
      }
    }
    // Sorted by cell: the points come out in the same order whatever the state backend.
    Map<String, Long> windowCalls = new TreeMap<>();
    Map<String, Long> diskCalls = new TreeMap<>();
    for (CellCountChange c : flaggable.values()) {
      windowCalls.put(c.cell(), c.window());
      if (c.minutes() > 0) {
        diskCalls.put(c.cell(), c.disk());
      }
    }
    SeasonalBaseline baseline = hours.baselineAsOf(t, settings.priorCallsPerHour());
    double londonWindow = baseline.expected(t - windowMs, t);
    double londonMinutes = baseline.expected(t - minutesMs, t);
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
    if (!toLearn.isEmpty()
        || !changes.isEmpty()
        || !flaggable.isEmpty()
        || !hotCells.isEmpty()
        || !majorCentres.isEmpty()) {
      nextTick.then(t + tickMs, ctx.timerService());
    } else {
      nextTick.clear();
    }
  }

  /** A restored old savepoint's recent call times: to learn once out of the windows. */
  private void moveOldRecent(long t) throws Exception {
    if (oldRecent.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<Long>> e : oldRecent.entries()) {
      for (long time : e.getValue()) {
        if (time <= t - keepMs) {
          shares.learn(e.getKey(), time, t);
        } else {
          toLearn.add(
              Ticks.atOrAfter(time + keepMs, tickMs), new Call(time, Metrics.AREA_ALL, e.getKey()));
        }
      }
    }
    oldRecent.clear();
  }
}
