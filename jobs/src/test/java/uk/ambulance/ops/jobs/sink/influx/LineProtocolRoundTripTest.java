package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.InfluxDbServer;

/** What LineProtocol writes is what InfluxDB stores: names, tags, field types and values, time. */
@ClusterTest
class LineProtocolRoundTripTest {
  @RegisterExtension static final InfluxDbServer INFLUX = new InfluxDbServer();

  @Test
  void trickyPointsComeBackExactlyAsSent() throws Exception {
    List<InfluxPoint> points =
        List.of(
            InfluxPoint.builder("plain", 1_700_000_000_001L)
                .tag("station", "Waterloo")
                .field("n", 42L)
                .field("x", 0.1 + 0.2)
                .field("ok", true)
                .field("s", "C1")
                .build(),
            InfluxPoint.builder("with space,comma=equals", 2)
                .tag("tag key,=", "tag value, with = signs")
                .field("field key, =", -7L)
                .build(),
            InfluxPoint.builder("\"quoted\"", 3)
                .tag("path", "C:\\temp\\x")
                .field("s", "say \"hi\" \\ back\\slash\\")
                .field("multi", "line1\nline2")
                .build(),
            InfluxPoint.builder("unicode", 4)
                .tag("hospital", "St Thomas’ Zoë")
                .field("s", "\uD83D\uDE91 é")
                .field("big", Long.MAX_VALUE)
                .field("tiny", 4.9e-324)
                .field("no", false)
                .build());
    InfluxConnectionOptions options =
        new InfluxConnectionOptions(
            URI.create(INFLUX.url()), "roundtrip", null, null, Duration.ofSeconds(10), true);
    try (InfluxWriteApi api = InfluxWriteApi.create(options)) {
      api.write(points.stream().map(LineProtocol::format).toList()).get();
    }

    assertThat(readBack("roundtrip")).containsExactlyInAnyOrderElementsOf(points);
  }

  /** Rebuilds points from SELECT * GROUP BY *, taking field types from SHOW FIELD KEYS. */
  private static List<InfluxPoint> readBack(String database) throws Exception {
    Map<String, Map<String, String>> fieldTypes = new HashMap<>();
    for (JsonNode series : INFLUX.query(database, "SHOW FIELD KEYS").at("/results/0/series")) {
      Map<String, String> types = new HashMap<>();
      series.get("values").forEach(row -> types.put(row.get(0).asText(), row.get(1).asText()));
      fieldTypes.put(series.get("name").asText(), types);
    }
    List<InfluxPoint> points = new ArrayList<>();
    JsonNode result = INFLUX.query(database, "SELECT * FROM /.*/ GROUP BY *");
    for (JsonNode series : result.at("/results/0/series")) {
      String measurement = series.get("name").asText();
      Map<String, String> tags = new HashMap<>();
      // GROUP BY * lists every tag key of the query with "" where a series lacks it.
      series
          .path("tags")
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().asText().isEmpty()) {
                  tags.put(e.getKey(), e.getValue().asText());
                }
              });
      List<String> columns = new ArrayList<>();
      series.get("columns").forEach(c -> columns.add(c.asText()));
      for (JsonNode row : series.get("values")) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 1; i < columns.size(); i++) {
          String type = fieldTypes.get(measurement).get(columns.get(i));
          JsonNode value = row.get(i);
          if (type != null && !value.isNull()) {
            fields.put(columns.get(i), typed(type, value));
          }
        }
        points.add(new InfluxPoint(measurement, tags, fields, row.get(0).asLong()));
      }
    }
    return points;
  }

  private static Object typed(String influxType, JsonNode value) {
    return switch (influxType) {
      case "integer" -> value.asLong();
      case "float" -> value.asDouble();
      case "boolean" -> value.asBoolean();
      case "string" -> value.asText();
      default -> throw new IllegalStateException("unexpected field type " + influxType);
    };
  }
}
