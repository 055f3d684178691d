import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's stand-in for a pager: Alertmanager's webhook receiver, run as a single-file
 * program on loopback. It prints one line per notification (time, receiver, status, each alert's
 * name, severity and summary) followed by the payload as received, to its log
 * ($STACK_HOME/logs/pager.log: {@code deploy/local/stack logs pager -f}).
 *
 * <pre>java Pager.java PORT</pre>
 */
public class Pager {
  private static final Pattern ALERT =
      Pattern.compile(
          "\"status\":\"(firing|resolved)\",\"labels\":\\{([^}]*)\\},\"annotations\":\\{([^}]*)\\}");

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !args[0].matches("\\d+")) {
      System.err.println("usage: java Pager.java PORT");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          try (exchange) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            String json = body.toString(StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder();
            line.append(Instant.now()).append(" PAGE ").append(field(json, "receiver"));
            line.append(' ').append(field(json, "status")).append(':');
            Matcher m = ALERT.matcher(json);
            while (m.find()) {
              line.append("\n    ")
                  .append(m.group(1))
                  .append(' ')
                  .append(field("{" + m.group(2) + "}", "alertname"))
                  .append(" [")
                  .append(field("{" + m.group(2) + "}", "severity"))
                  .append("] ")
                  .append(field("{" + m.group(3) + "}", "summary"));
            }
            System.out.println(line);
            System.out.println("    " + json);
            System.out.flush();
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    System.out.println("pager: listening on http://127.0.0.1:" + port + "/alerts");
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    return m.find() ? m.group(1) : "-";
  }
}
