package uk.ambulance.ops.jobs.hospitals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.state.KeyedStates;
import uk.ambulance.ops.jobs.state.OneTimer;
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
 * <p>The arithmetic lives beside it: which status is in force when ({@link StatusHistory}), the
 * lost hours ({@link LostHours}) and the points ({@link HospitalPoints}); this function holds the
 * state and the tick timer.
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
  private transient OneTimer nextTick;
  private transient LostHours lost;

  public HospitalPressure(Duration tick, HospitalSettings settings, CentileDefinition centile) {
    this.tickMs = tick.toMillis();
    this.settings = settings;
    this.centile = centile;
  }

  @Override
  public void open(OpenContext openContext) {
    // Safety net only: ticks remove everything long before.
    KeyedStates states = KeyedStates.withSafetyNet(getRuntimeContext(), Duration.ofDays(3));
    stays = states.map("stays", Types.STRING, TypeInformation.of(HandoverRecord.class));
    lostMsByDay = states.map("lost-ms-by-day", Types.LONG, Types.DOUBLE);
    statuses = states.value("statuses", Types.LIST(TypeInformation.of(HospitalStatus.class)));
    nextTick = states.timer("next-tick");
    lost = new LostHours(settings.handoverStandard().toMillis());
  }

  @Override
  public void processElement(HospitalSignal signal, Context ctx, Collector<InfluxPoint> out)
      throws Exception {
    long changedAt;
    if (signal.status() != null) {
      statuses.update(StatusHistory.with(statuses.value(), signal.status()));
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
        double lostMs = lost.lostMs(stay) * (signal.retract() ? -1 : 1);
        Double sum = lostMsByDay.get(day);
        lostMsByDay.put(day, (sum == null ? 0 : sum) + lostMs);
      }
      changedAt = stay.arrivedMs();
    }
    long wanted = Ticks.next(changedAt, ctx.timerService().currentWatermark(), tickMs);
    nextTick.noLaterThan(wanted, ctx.timerService());
  }

  @Override
  public void onTimer(long t, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
    String hospital = ctx.getCurrentKey();
    List<HandoverRecord> kept = new ArrayList<>();
    for (Map.Entry<String, HandoverRecord> e : stays.entries()) {
      kept.add(e.getValue());
    }
    double lostToday = lost.today(t, lostMsByDay.get(Ticks.londonDay(t)), kept);
    out.collect(
        HospitalPoints.handovers(
            hospital, t, kept, lostToday, settings.releaseAfter().toMillis(), centile));
    List<HospitalStatus> history = statuses.value();
    HospitalStatus inForce = StatusHistory.inForceAt(history, t);
    boolean fresh =
        inForce != null && t - inForce.timeMillis() <= settings.statusStale().toMillis();
    if (fresh) {
      out.collect(
          HospitalPoints.capacity(
              hospital, t, inForce, StatusHistory.arrivalsOnDivert(t, kept, history)));
    }
    purge(t, kept);
    boolean active = !stays.isEmpty() || fresh || StatusHistory.hasStatusAfter(statuses.value(), t);
    if (active) {
      nextTick.then(t + tickMs, ctx.timerService());
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
      nextTick.then(midnight, ctx.timerService());
    } else {
      lostMsByDay.clear();
      nextTick.clear();
    }
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
      List<HospitalStatus> trimmed = StatusHistory.neededAt(history, t);
      if (trimmed.size() != history.size()) {
        statuses.update(trimmed);
      }
    }
  }
}
