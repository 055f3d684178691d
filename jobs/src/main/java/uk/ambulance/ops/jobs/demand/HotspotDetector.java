package uk.ambulance.ops.jobs.demand;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.Metrics.Hotspots;
import uk.ambulance.ops.events.Metrics.MajorIncidents;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * All of London under one key: every tick of event time while there are recent calls, scores each
 * H3 cell's count in the hotspot window against its expectation, and each cell with its six
 * neighbours over the few minutes of the major-incident window.
 *
 * <p>A cell's expectation is its learned share of London's calls ({@link CellShares}) times
 * London's seasonal expectation for the window ({@link SeasonalBaseline}). A call teaches the share
 * only once it has left the recent windows, so a burst does not raise its own expectation while it
 * is being judged. The score is -log10 of the Poisson probability of at least the count.
 *
 * <p>One key is enough: London has 6,000 to 8,000 calls a day. Recent call times are kept per cell
 * until they leave the longer window; learned weights until they are negligible (swept hourly); the
 * baseline is 168 numbers.
 */
public class HotspotDetector extends KeyedProcessFunction<String, Call, InfluxPoint> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;

  private final DemandSettings settings;
  private final long tickMs;
  private final long keepMs;

  private transient H3Core h3;

  /** Each cell with its six neighbours: fixed geometry, cached outside state (London: ~2,100). */
  private transient Map<String, List<String>> neighbourhoods;

  private transient MapState<String, List<Long>> recent;
  private transient MapState<String, Boolean> hotCells;
  private transient MapState<String, Boolean> majorCentres;
  private transient ValueState<Long> nextTick;
  private transient ValueState<Long> sweptAt;
  private transient HourlyCalls hours;
  private transient CellShares shares;

  public HotspotDetector(java.time.Duration tick, DemandSettings settings) {
    this.settings = settings;
    this.tickMs = tick.toMillis();
    this.keepMs =
        Math.max(settings.hotspotWindow().toMillis(), settings.majorIncidentWindow().toMillis());
  }

  @Override
  public void open(OpenContext openContext) {
    try {
      h3 = H3Core.newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    neighbourhoods = new HashMap<>();
    var ctx = getRuntimeContext();
    recent =
        ctx.getMapState(new MapStateDescriptor<>("recent", Types.STRING, Types.LIST(Types.LONG)));
    hotCells = ctx.getMapState(new MapStateDescriptor<>("hot", Types.STRING, Types.BOOLEAN));
    majorCentres = ctx.getMapState(new MapStateDescriptor<>("major", Types.STRING, Types.BOOLEAN));
    nextTick = ctx.getState(new ValueStateDescriptor<>("next-tick", Types.LONG));
    sweptAt = ctx.getState(new ValueStateDescriptor<>("swept-at", Types.LONG));
    hours = new HourlyCalls(ctx, settings.baselineWeight());
    shares = new CellShares(ctx, settings);
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
    long wanted = Ticks.next(call.timeMs(), watermark, tickMs);
    Long scheduled = nextTick.value();
    if (scheduled == null || wanted < scheduled) {
      if (scheduled != null) {
        ctx.timerService().deleteEventTimeTimer(scheduled);
      }
      ctx.timerService().registerEventTimeTimer(wanted);
      nextTick.update(wanted);
    }
  }

  /** Counts per cell in the hotspot window and in the major-incident window, as of a tick. */
  private record Counts(long window, long minutes) {}

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    SeasonalBaseline baseline = hours.baselineAsOf(t, settings.priorCallsPerHour());
    Map<String, Counts> counts = countAndLearn(t);
    double londonWindow = baseline.expected(t - settings.hotspotWindow().toMillis(), t);
    double londonMinutes = baseline.expected(t - settings.majorIncidentWindow().toMillis(), t);

    Map<String, Boolean> hotNow = new HashMap<>();
    for (Map.Entry<String, Counts> e : counts.entrySet()) {
      long n = e.getValue().window();
      if (n < settings.hotspotMinCalls()) {
        continue; // cannot be hot whatever its expectation
      }
      double expected = shares.shareAt(e.getKey(), t) * londonWindow;
      double score = Poisson.score(n, expected);
      if (n >= settings.hotspotMinCalls() && score >= settings.hotspotScore()) {
        hotNow.put(e.getKey(), true);
        out.collect(point(Hotspots.MEASUREMENT, Hotspots.HOT, e.getKey(), t, n, expected, score));
      }
    }
    endThoseNoLongerIn(hotCells, hotNow, Hotspots.MEASUREMENT, Hotspots.HOT, t, out);

    Map<String, Boolean> majorNow = new HashMap<>();
    for (Cluster c : majorIncidents(counts, t, londonMinutes)) {
      majorNow.put(c.centre(), true);
      out.collect(
          point(
              MajorIncidents.MEASUREMENT,
              MajorIncidents.ACTIVE,
              c.centre(),
              t,
              c.calls(),
              c.expected(),
              c.score()));
    }
    endThoseNoLongerIn(
        majorCentres, majorNow, MajorIncidents.MEASUREMENT, MajorIncidents.ACTIVE, t, out);

    Long swept = sweptAt.value();
    if (swept == null || t - swept >= HOUR) {
      shares.sweep(t);
      sweptAt.update(t);
    }
    if (!recent.isEmpty() || !hotCells.isEmpty() || !majorCentres.isEmpty()) {
      ctx.timerService().registerEventTimeTimer(t + tickMs);
      nextTick.update(t + tickMs);
    } else {
      nextTick.clear();
    }
  }

  /** Counts as of {@code t}; calls that left both windows go to the learned shares. */
  private Map<String, Counts> countAndLearn(long t) throws Exception {
    long windowStart = t - settings.hotspotWindow().toMillis();
    long minutesStart = t - settings.majorIncidentWindow().toMillis();
    Map<String, Counts> counts = new HashMap<>();
    List<String> emptied = new ArrayList<>();
    Map<String, List<Long>> shortened = new HashMap<>();
    for (Map.Entry<String, List<Long>> e : recent.entries()) {
      List<Long> kept = new ArrayList<>(0);
      long window = 0;
      long minutes = 0;
      boolean expired = false;
      for (long time : e.getValue()) {
        if (time <= t - keepMs) {
          expired = true;
          continue;
        }
        window += time > windowStart && time <= t ? 1 : 0;
        minutes += time > minutesStart && time <= t ? 1 : 0;
      }
      if (expired) {
        for (long time : e.getValue()) {
          if (time <= t - keepMs) {
            shares.learn(e.getKey(), time, t);
          } else {
            kept.add(time);
          }
        }
        if (kept.isEmpty()) {
          emptied.add(e.getKey());
        } else {
          shortened.put(e.getKey(), kept);
        }
      }
      if (window > 0 || minutes > 0) {
        counts.put(e.getKey(), new Counts(window, minutes));
      }
    }
    for (String cell : emptied) {
      recent.remove(cell);
    }
    recent.putAll(shortened);
    return counts;
  }

  /** A cell and its neighbours, scored over the major-incident window. */
  private record Cluster(String centre, long calls, double expected, double score) {}

  private List<Cluster> majorIncidents(Map<String, Counts> counts, long t, double london)
      throws Exception {
    List<Cluster> candidates = new ArrayList<>();
    for (Map.Entry<String, Counts> e : counts.entrySet()) {
      if (e.getValue().minutes() == 0) {
        continue;
      }
      List<String> disk = neighbourhoods.computeIfAbsent(e.getKey(), c -> h3.gridDisk(c, 1));
      long calls = 0;
      for (String cell : disk) {
        Counts c = counts.get(cell);
        calls += c == null ? 0 : c.minutes();
      }
      if (calls < settings.majorIncidentMinCalls()) {
        continue;
      }
      double expected = 0;
      for (String cell : disk) {
        expected += shares.shareAt(cell, t) * london;
      }
      double score = Poisson.score(calls, expected);
      if (calls >= settings.majorIncidentMinCalls() && score >= settings.majorIncidentScore()) {
        candidates.add(new Cluster(e.getKey(), calls, expected, score));
      }
    }
    // Overlapping clusters describe one incident: keep the best within two cells of each other.
    List<Cluster> best = new ArrayList<>();
    for (Cluster c : candidates) {
      boolean beaten = false;
      for (Cluster other : candidates) {
        if (other != c && distance(c.centre(), other.centre()) <= 2 && better(other, c)) {
          beaten = true;
          break;
        }
      }
      if (!beaten) {
        best.add(c);
      }
    }
    return best;
  }

  private long distance(String a, String b) {
    try {
      return h3.gridDistance(a, b);
    } catch (RuntimeException e) {
      return Long.MAX_VALUE; // too far apart for the grid to say: not neighbours
    }
  }

  private static boolean better(Cluster a, Cluster b) {
    if (a.score() != b.score()) {
      return a.score() > b.score();
    }
    return a.centre().compareTo(b.centre()) < 0;
  }

  /** One last point, flag 0, for what was flagged at the previous tick and is not any more. */
  private void endThoseNoLongerIn(
      MapState<String, Boolean> flagged,
      Map<String, Boolean> now,
      String measurement,
      String flagField,
      long t,
      Collector<InfluxPoint> out)
      throws Exception {
    List<String> ended = new ArrayList<>();
    for (String cell : flagged.keys()) {
      if (!now.containsKey(cell)) {
        ended.add(cell);
      }
    }
    for (String cell : ended) {
      flagged.remove(cell);
      LatLng centre = h3.cellToLatLng(cell);
      out.collect(
          InfluxPoint.builder(measurement, t)
              .tag(Hotspots.TAG_CELL, cell)
              .field(flagField, 0L)
              .field(Hotspots.LAT, centre.lat)
              .field(Hotspots.LON, centre.lng)
              .build());
    }
    for (String cell : now.keySet()) {
      flagged.put(cell, true);
    }
  }

  private InfluxPoint point(
      String measurement,
      String flagField,
      String cell,
      long t,
      long calls,
      double expected,
      double score) {
    LatLng centre = h3.cellToLatLng(cell);
    return InfluxPoint.builder(measurement, t)
        .tag(Hotspots.TAG_CELL, cell)
        .field(Hotspots.CALLS, calls)
        .field(Hotspots.EXPECTED, expected)
        .field(Hotspots.SCORE, score)
        .field(Hotspots.LAT, centre.lat)
        .field(Hotspots.LON, centre.lng)
        .field(flagField, 1L)
        .build();
  }
}
