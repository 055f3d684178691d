package uk.ambulance.ops.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads InfluxDB 1.x over its HTTP API with InfluxQL, as a dashboard would. */
public final class InfluxHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public InfluxHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** One row of a result: its series' tags plus the column values by name. */
  public record Row(Map<String, String> tags, Map<String, JsonNode> values) {
    public long time() {
      return values.get("time").asLong();
    }
  }

  /** Runs a query with times as epoch milliseconds; throws if InfluxDB reports an error. */
  public List<Row> query(String database, String influxQl) throws Exception {
    String url =
        baseUrl
            + "/query?epoch=ms&db="
            + URLEncoder.encode(database, StandardCharsets.UTF_8)
            + "&q="
            + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "InfluxDB answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode result = JSON.readTree(response.body()).path("results").path(0);
    if (result.has("error")) {
      throw new IllegalStateException(
          "InfluxQL error for '" + influxQl + "': " + result.get("error").asText());
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      Map<String, String> tags = new HashMap<>();
      series
          .path("tags")
          .fields()
          .forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
      List<String> columns = new ArrayList<>();
      series.path("columns").forEach(c -> columns.add(c.asText()));
      for (JsonNode values : series.path("values")) {
        Map<String, JsonNode> row = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), values.get(i));
        }
        rows.add(new Row(tags, row));
      }
    }
    return rows;
  }
}
