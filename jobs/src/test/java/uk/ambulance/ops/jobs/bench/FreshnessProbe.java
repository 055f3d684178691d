package uk.ambulance.ops.jobs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import uk.ambulance.ops.events.Metrics;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.events.json.IncidentEventParser;
import uk.ambulance.ops.events.json.ParseResult;
import uk.ambulance.ops.events.json.ValidationRules;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.jobs.testing.InfluxHttp;

/**
 * How fresh the wall board is on a running live stack ({@code deploy/local/stack live}), watched
 * from outside as a duty manager would see it:
 *
 * <ul>
 *   <li>{@code calls_waiting}: for every call categorised on {@code cad.incidents} (it starts to
 *       wait) and its first arrival (it stops), the wall time from the record reaching Kafka (the
 *       record's timestamp) until InfluxDB holds a {@code calls_waiting} point of its category and
 *       area at or after the event;
 *   <li>{@code response_times} (rolling hour): how far the newest point trails the wall clock,
 *       sampled at every poll; and the same for the stalest of the wall board's measurements.
 * </ul>
 *
 * Prints p50, p90, p99 and max of each, with the load average. Not a test: run it beside the stack,
 * from the repository root (the classpath as for {@link ReplayBenchmark}):
 *
 * <pre>
 * java -cp ... uk.ambulance.ops.jobs.bench.FreshnessProbe [--seconds 180] [--stack-home .stack]
 * </pre>
 */
public final class FreshnessProbe {
  private static final long POLL_MS = 200;
  private static final List<String> WALL_BOARD =
      List.of("calls_waiting", "response_times", "fleet", "handovers");

  /** A board lag beyond this is printed as it is seen. */
  private static final long OUTLIER_MS = 60_000;

  private FreshnessProbe() {}

  /** A call that has entered a queue and is not on the board yet. */
  private record Pending(String series, long eventMs, long publishedMs) {}

  public static void main(String[] args) throws Exception {
    long seconds = 180;
    Path stackHome = Path.of(".stack");
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(value);
        case "--stack-home" -> stackHome = Path.of(value);
        default -> {
          System.err.println("FreshnessProbe: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Map<String, String> stack = stackSettings(stackHome.resolve("run/settings.env"));
    String bootstrap = "127.0.0.1:" + stack.get("KAFKA_PORT");
    InfluxHttp influx = new InfluxHttp("http://127.0.0.1:" + stack.get("INFLUX_PORT"));
    String database = stack.getOrDefault("INFLUX_DB", "ops");

    IncidentEventParser parser = new IncidentEventParser(ValidationRules.defaults());
    Map<String, String> areaOf = new HashMap<>();
    Map<String, String> seriesOf = new HashMap<>();
    List<Pending> pending = new ArrayList<>();
    List<Long> waitingDelays = new ArrayList<>();
    List<Long> responseLags = new ArrayList<>();
    List<Long> boardLags = new ArrayList<>();
    long end = System.currentTimeMillis() + seconds * 1000;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      consumer.subscribe(List.of(Topics.CAD_INCIDENTS));
      while (System.currentTimeMillis() < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(POLL_MS))) {
          if (parser.parse(r.value()) instanceof ParseResult.Valid<IncidentEvent> valid) {
            IncidentEvent e = valid.event();
            if (e.type() == IncidentEventType.CALL_CONNECTED && e.area() != null) {
              areaOf.put(e.incidentId(), e.area().name());
            } else if (e.type() == IncidentEventType.CATEGORISED
                && areaOf.containsKey(e.incidentId())) {
              String series = e.category().name() + "|" + areaOf.get(e.incidentId());
              seriesOf.put(e.incidentId(), series);
              pending.add(new Pending(series, e.timeMillis(), r.timestamp()));
            } else if (e.type() == IncidentEventType.RESOURCE_ARRIVED
                && seriesOf.containsKey(e.incidentId())) {
              // The first arrival ends the wait: the board must drop the call as quickly.
              pending.add(
                  new Pending(seriesOf.remove(e.incidentId()), e.timeMillis(), r.timestamp()));
            }
          }
        }
        long now = System.currentTimeMillis();
        Map<String, Long> newest = newestWaitingBySeries(influx, database);
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
          Pending p = it.next();
          Long shown = newest.get(p.series());
          if (shown != null && shown >= p.eventMs()) {
            waitingDelays.add(now - p.publishedMs());
            it.remove();
          }
        }
        responseLags.add(now - newestPoint(influx, database, "response_times", "1h"));
        long stalest = Long.MAX_VALUE;
        String stalestName = null;
        for (String measurement : WALL_BOARD) {
          long newestMs = newestPoint(influx, database, measurement, null);
          if (newestMs < stalest) {
            stalest = newestMs;
            stalestName = measurement;
          }
        }
        if (now - stalest > OUTLIER_MS) {
          // Say which figure fell behind, and when: a tail needs its cause, not just its size.
          System.out.printf(
              "  %s: %s's newest point is %s (%.0f s behind)%n",
              Instant.ofEpochMilli(now),
              stalestName,
              Instant.ofEpochMilli(stalest),
              (now - stalest) / 1000.0);
        }
        boardLags.add(now - stalest);
      }
    }
    System.out.printf(
        "FreshnessProbe: %d s, load average %s%n", seconds, ReplayBenchmark.loadAverage());
    print("calls_waiting: call or arrival published -> on the board", waitingDelays);
    System.out.printf("  (%d calls not shown by the end)%n", pending.size());
    print("response_times 1h: newest point behind the wall clock", responseLags);
    print("wall board: the stalest measurement's newest point behind the clock", boardLags);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "freshness-probe-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  private static Map<String, Long> newestWaitingBySeries(InfluxHttp influx, String database)
      throws Exception {
    Map<String, Long> newest = new HashMap<>();
    for (InfluxHttp.Row r :
        influx.query(
            database,
            "SELECT last(\""
                + Metrics.CallsWaiting.WAITING
                + "\") FROM "
                + Metrics.CallsWaiting.MEASUREMENT
                + " WHERE time > now() - 10m GROUP BY category, area")) {
      newest.put(r.tags().get("category") + "|" + r.tags().get("area"), r.time());
    }
    return newest;
  }

  private static long newestPoint(
      InfluxHttp influx, String database, String measurement, String window) throws Exception {
    String where = window == null ? "" : " WHERE \"window\" = '" + window + "'";
    for (InfluxHttp.Row r :
        influx.query(
            database,
            "SELECT * FROM \"" + measurement + "\"" + where + " ORDER BY time DESC LIMIT 1")) {
      return r.time();
    }
    return 0;
  }

  private static void print(String what, List<Long> delaysMs) {
    if (delaysMs.isEmpty()) {
      System.out.printf("%-70s no samples%n", what);
      return;
    }
    List<Long> sorted = new ArrayList<>(delaysMs);
    sorted.sort(null);
    System.out.printf(
        "%-70s n=%d p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s%n",
        what,
        sorted.size(),
        at(sorted, 0.5) / 1000.0,
        at(sorted, 0.9) / 1000.0,
        at(sorted, 0.99) / 1000.0,
        sorted.get(sorted.size() - 1) / 1000.0);
  }

  private static long at(List<Long> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  private static Map<String, String> stackSettings(Path file) throws Exception {
    Map<String, String> settings = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        settings.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return settings;
  }
}
