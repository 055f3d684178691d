package uk.ambulance.ops.jobs.sink.alertmanager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import uk.ambulance.ops.jobs.sink.influx.WriteErrorClassifier;

/** Posts alerts to Alertmanager's v2 API and says whether a failure is worth retrying. */
final class AlertmanagerClient {
  enum Result {
    DELIVERED,
    RETRY,
    REFUSED
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI alertsUri;
  private String lastProblem = "";

  AlertmanagerClient(String baseUrl) {
    this.alertsUri = URI.create(baseUrl + "/api/v2/alerts");
  }

  Result post(String body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(alertsUri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return Result.DELIVERED;
      }
      lastProblem = "HTTP " + status + " " + firstLine(response.body());
      // The same rules as the InfluxDB sink: 408, 429 and 5xx pass, other answers do not.
      return WriteErrorClassifier.classifyStatus(status) == WriteErrorClassifier.Verdict.RETRY
          ? Result.RETRY
          : Result.REFUSED;
    } catch (IOException e) {
      lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
      return Result.RETRY; // refused, reset or timed out: Alertmanager may be back later
    }
  }

  String lastProblem() {
    return lastProblem;
  }

  String target() {
    return alertsUri.toString();
  }

  private static String firstLine(String body) {
    String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
