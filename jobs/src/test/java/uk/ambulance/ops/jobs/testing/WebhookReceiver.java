package uk.ambulance.ops.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Receives Alertmanager's webhook notifications (payload version 4) on a free loopback port, as a
 * pager would: every notification is kept in arrival order, repeats too, since a repeated page is
 * what the alerting tests look for.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          try (exchange) {
            notifications.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  /** The notifications whose group is about this alertname, in arrival order. */
  public List<JsonNode> about(String alertname) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : notifications) {
      if (alertname.equals(n.path("commonLabels").path("alertname").asText())) {
        out.add(n);
      }
    }
    return out;
  }

  /** Polls until the notifications satisfy the condition; fails with what arrived otherwise. */
  public List<JsonNode> await(String alertname, Predicate<List<JsonNode>> done, Duration deadline)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (done.test(about(alertname))) {
        return about(alertname);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no such " + alertname + " notifications within " + deadline + "; got: " + notifications);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
