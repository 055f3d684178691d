package uk.ambulance.ops.jobs.sink.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import uk.ambulance.ops.jobs.points.InfluxPoint;
import uk.ambulance.ops.jobs.testing.ClusterTest;
import uk.ambulance.ops.jobs.testing.FlinkCluster;

/**
 * The v2 path against a real InfluxDB 2.x in Docker: writes arrive, a replay overwrites, a bad
 * token and a missing bucket fail the job without showing the token. Skipped (by Testcontainers'
 * own check, before any container is touched) where Docker is not available;
 * InfluxV2HttpWriteApiTest covers the request and answer shapes everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 180, unit = TimeUnit.SECONDS) // includes pulling the image the first time
@ClusterTest
class InfluxDbV2ContainerTest {
  /** The same image deploy/docker-compose.yml runs. */
  static final String IMAGE = "influxdb:2.7";

  private static final String ORG = "las";
  private static final String BUCKET = "ops";
  private static final String TOKEN = "v2-test-admin-token-Xy9";
  private static final long BASE_TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @Container
  static final InfluxDBContainer<?> INFLUX =
      new InfluxDBContainer<>(DockerImageName.parse(IMAGE))
          .withOrganization(ORG)
          .withBucket(BUCKET)
          .withAdminToken(TOKEN);

  @RegisterExtension
  @Order(1)
  static final MiniClusterExtension FLINK = FlinkCluster.twoSlots();

  @Test
  void everyPointArrivesAndAReplayOverwritesInsteadOfDuplicating() throws Exception {
    int count = 2_000;
    for (int run = 0; run < 2; run++) {
      StreamExecutionEnvironment env = environment();
      env.fromSequence(0, count - 1)
          .map(InfluxDbSinkTest::point)
          .returns(TypeInformation.of(InfluxPoint.class))
          .sinkTo(sink(BUCKET, TOKEN).build());
      env.execute("v2 run " + run);

      assertThat(flux("count")).as("points after run %d", run).isEqualTo(count);
      long minutes = 0;
      for (long i = 0; i < count; i++) {
        minutes += i % 97;
      }
      assertThat(flux("sum")).as("sum after run %d", run).isEqualTo(minutes);
    }
  }

  @Test
  void aWrongTokenFailsTheJobWith401AndNeverShowsTheToken() {
    String wrong = "wrong-token-Qq7-never-shown";
    StreamExecutionEnvironment env = environment();
    env.fromSequence(0, 9)
        .map(InfluxDbSinkTest::point)
        .returns(TypeInformation.of(InfluxPoint.class))
        .sinkTo(sink(BUCKET, wrong).build());

    assertThatThrownBy(() -> env.execute("wrong token"))
        .hasStackTraceContaining("HTTP 401")
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(wrong).doesNotContain(TOKEN));
  }

  @Test
  void aMissingBucketFailsTheJobWith404() {
    StreamExecutionEnvironment env = environment();
    env.fromSequence(0, 9)
        .map(InfluxDbSinkTest::point)
        .returns(TypeInformation.of(InfluxPoint.class))
        .sinkTo(sink("no_such_bucket", TOKEN).build());

    assertThatThrownBy(() -> env.execute("missing bucket"))
        .hasStackTraceContaining("HTTP 404")
        .hasStackTraceContaining("no_such_bucket")
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(TOKEN));
  }

  private static InfluxDbSinkBuilder sink(String bucket, String token) {
    return InfluxDbSink.builder()
        .setApiVersion(InfluxApiVersion.V2)
        .setUrl(INFLUX.getUrl())
        .setOrganization(ORG)
        .setBucket(bucket)
        .setToken(token)
        .setRequestTimeout(Duration.ofSeconds(10))
        .setMaxTimeInBufferMS(100);
  }

  private static StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    env.configure(conf);
    env.setParallelism(2);
    return env;
  }

  /** count() or sum() of the "minutes" field over all handover points, with Flux. */
  private static long flux(String aggregate) throws Exception {
    String query =
        "from(bucket: \""
            + BUCKET
            + "\") |> range(start: 2026-01-01T00:00:00Z, stop: 2026-01-02T00:00:00Z)"
            + " |> filter(fn: (r) => r._measurement == \"handover\" and r._field == \"minutes\")"
            + " |> group() |> "
            + aggregate
            + "()";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    INFLUX.getUrl()
                        + "/api/v2/query?org="
                        + URLEncoder.encode(ORG, StandardCharsets.UTF_8)))
            .header("Authorization", "Token " + TOKEN)
            .header("Content-Type", "application/vnd.flux")
            .header("Accept", "application/csv")
            .POST(HttpRequest.BodyPublishers.ofString(query))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    // Annotated CSV without annotations: a header row naming _value, then one data row.
    List<String> lines = response.body().lines().filter(l -> !l.isBlank()).toList();
    List<String> header = List.of(lines.get(0).split(","));
    int column = header.indexOf("_value");
    assertThat(column).as(response.body()).isNotNegative();
    return Long.parseLong(lines.get(1).split(",")[column].trim());
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
