package uk.ambulance.ops.jobs.hospitals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.stats.CentileDefinition;
import uk.ambulance.ops.jobs.ticks.Ticks;

/**
 * Keyed by hospital: every tick of event time, writes the crews waiting and the handovers of the
 * last hour ({@code handovers}) and the status in force ({@code hospital_capacity}), both as of the
 * tick.
 *
 * <p>Event time here is the CAD stream's: the status feed reports only every 15 minutes and must
 * not hold the clock back, so its records carry no watermark of their own (see {@link
 * HospitalsPipeline}) and are kept as a short history, each applying from its own time. A status
 * that arrives after ticks it would have changed applies from the next tick.
 *
 * <p>Stays are kept until an hour after they end (the handover window); today's lost time is a sum
 * per London day, kept for today and yesterday, and kept through a quiet spell until the day ends.
 * Statuses older than the one in force an hour ago are dropped. The key's state is gone once no
 * stay is kept, the status has gone stale and the day with lost time has ended.
 */
public class HospitalPressure extends KeyedProcessFunction<String, HospitalSignal, InfluxPoint> {
  private static final long serialVersionUID = 1L;
  private static final long HOUR = 3_600_000L;

  private final long tickMs;
  private final HospitalSettings settings;
  private final CentileDefinition centile;

  private transient MapState<String, HandoverRecord> stays;
  private transient MapState<Long, Double> lostMsByDay;
  private transient ValueState<List<HospitalStatus>> statuses;
  private transient ValueState<Long> nextTick;

  public HospitalPressure(Duration tick, HospitalSettings settings, CentileDefinition centile) {
    this.tickMs = tick.toMillis();
    this.settings = settings;
    this.centile = centile;
  }

  @Override
  public void open(OpenContext openContext) {
    // Safety net only: ticks remove everything long before.
    StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofDays(3)).build();
    var staysDescriptor =
        new MapStateDescriptor<>("stays", Types.STRING, TypeInformation.of(HandoverRecord.class));
    staysDescriptor.enableTimeToLive(ttl);
    stays = getRuntimeContext().getMapState(staysDescriptor);
    var lostDescriptor = new MapStateDescriptor<>("lost-ms-by-day", Types.LONG, Types.DOUBLE);
    lostDescriptor.enableTimeToLive(ttl);
    lostMsByDay = getRuntimeContext().getMapState(lostDescriptor);
    var statusDescriptor =
        new ValueStateDescriptor<>(
            "statuses", Types.LIST(TypeInformation.of(HospitalStatus.class)));
    statusDescriptor.enableTimeToLive(ttl);
    statuses = getRuntimeContext().getState(statusDescriptor);
    var tickDescriptor = new ValueStateDescriptor<>("next-tick", Types.LONG);
    tickDescriptor.enableTimeToLive(ttl);
    nextTick = getRuntimeContext().getState(tickDescriptor);
  }

  @Override
  public void processElement(HospitalSignal signal, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    long changedAt;
    if (signal.status() != null) {
      List<HospitalStatus> history = statuses.value();
      history = history == null ? new ArrayList<>() : new ArrayList<>(history);
      history.add(signal.status());
      history.sort(Comparator.comparing(HospitalStatus::time));
      statuses.update(history);
      changedAt = signal.status().timeMillis();
    } else {
      HandoverRecord stay = signal.stay();
      if (signal.retract()) {
        stays.remove(stay.key());
      } else {
        stays.put(stay.key(), stay);
      }
      if (stay.handedOver()) {
        long day = Ticks.londonDay(stay.endMs());
        double lost = lostMs(stay) * (signal.retract() ? -1 : 1);
        Double sum = lostMsByDay.get(day);
        lostMsByDay.put(day, (sum == null ? 0 : sum) + lost);
      }
      changedAt = stay.arrivedMs();
    }
    long wanted = Ticks.next(changedAt, ctx.timerService().currentWatermark(), tickMs);
    Long scheduled = nextTick.value();
    if (scheduled == null || wanted < scheduled) {
      if (scheduled != null) {
        ctx.timerService().deleteEventTimeTimer(scheduled);
      }
      ctx.timerService().registerEventTimeTimer(wanted);
      nextTick.update(wanted);
    }
  }

  private double lostMs(HandoverRecord stay) {
    return Math.max(0, stay.handoverMs() - settings.handoverStandard().toMillis());
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    String hospital = ctx.getCurrentKey();
    List<HandoverRecord> kept = new ArrayList<>();
    for (Map.Entry<String, HandoverRecord> e : stays.entries()) {
      kept.add(e.getValue());
    }
    out.collect(
        HospitalPoints.handovers(
            hospital, t, kept, lostToday(t, kept), settings.releaseAfter().toMillis(), centile));
    HospitalStatus inForce = inForceAt(statuses.value(), t);
    boolean fresh =
        inForce != null && t - inForce.timeMillis() <= settings.statusStale().toMillis();
    if (fresh) {
      out.collect(
          HospitalPoints.capacity(
              hospital, t, inForce, arrivalsOnDivert(t, kept, statuses.value())));
    }
    purge(t, kept);
    boolean active = !stays.isEmpty() || fresh || hasStatusAfter(t);
    if (active) {
      ctx.timerService().registerEventTimeTimer(t + tickMs);
      nextTick.update(t + tickMs);
    } else {
      stays.clear();
      statuses.clear();
      keepTodaysLedger(t, ctx);
    }
  }

  /**
   * With no crew at the ED and no fresh status, nothing changes until the next stay or status
   * arrives, so ticking stops; but today's lost hours are a running total of the whole day, and a
   * status feed that falls behind CAD must not wipe them. The ledger stays until the day ends, when
   * one last tick writes the new day's zero and lets the key go.
   */
  private void keepTodaysLedger(long t, OnTimerContext ctx) throws Exception {
    if (lostMsByDay.contains(Ticks.londonDay(t))) {
      long midnight = Ticks.startOfNextLondonDay(t);
      ctx.timerService().registerEventTimeTimer(midnight);
      nextTick.update(midnight);
    } else {
      lostMsByDay.clear();
      nextTick.clear();
    }
  }

  /** Lost time of handovers completed today up to {@code t}: the day's sum less any after t. */
  private double lostToday(long t, List<HandoverRecord> kept) throws Exception {
    long day = Ticks.londonDay(t);
    Double sum = lostMsByDay.get(day);
    double lost = sum == null ? 0 : sum;
    for (HandoverRecord s : kept) {
      if (s.handedOver() && s.endMs() > t && Ticks.londonDay(s.endMs()) == day) {
        lost -= lostMs(s);
      }
    }
    return Math.max(0, lost);
  }

  static HospitalStatus inForceAt(List<HospitalStatus> history, long t) {
    HospitalStatus found = null;
    if (history != null) {
      for (HospitalStatus s : history) {
        if (s.timeMillis() <= t) {
          found = s;
        }
      }
    }
    return found;
  }

  private static long arrivalsOnDivert(
      long t, List<HandoverRecord> kept, List<HospitalStatus> history) {
    long count = 0;
    for (HandoverRecord s : kept) {
      if (s.arrivedMs() > t - HOUR && s.arrivedMs() <= t) {
        HospitalStatus then = inForceAt(history, s.arrivedMs());
        if (then != null && then.divert()) {
          count++;
        }
      }
    }
    return count;
  }

  private boolean hasStatusAfter(long t) throws Exception {
    List<HospitalStatus> history = statuses.value();
    return history != null
        && !history.isEmpty()
        && history.get(history.size() - 1).timeMillis() > t;
  }

  private void purge(long t, List<HandoverRecord> kept) throws Exception {
    for (HandoverRecord s : kept) {
      // An hour after its end a stay is out of every window and has counted for its day.
      if (s.endMs() != HandoverRecord.OPEN && s.endMs() <= t - HOUR) {
        stays.remove(s.key());
      }
    }
    long today = Ticks.londonDay(t);
    List<Long> oldDays = new ArrayList<>();
    for (Long day : lostMsByDay.keys()) {
      if (day < today - 1) {
        oldDays.add(day);
      }
    }
    for (Long day : oldDays) {
      lostMsByDay.remove(day);
    }
    List<HospitalStatus> history = statuses.value();
    if (history != null) {
      // Keep the status in force an hour ago (arrivals on divert look that far back) and later.
      HospitalStatus hourAgo = inForceAt(history, t - HOUR);
      List<HospitalStatus> trimmed = new ArrayList<>();
      for (HospitalStatus s : history) {
        if (s == hourAgo || s.timeMillis() > t - HOUR) {
          trimmed.add(s);
        }
      }
      if (trimmed.size() != history.size()) {
        statuses.update(trimmed);
      }
    }
  }
}
