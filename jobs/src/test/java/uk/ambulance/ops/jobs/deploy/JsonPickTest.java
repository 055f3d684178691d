package uk.ambulance.ops.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stack's JSON picker ({@code deploy/local/tools/JsonPick.java}) on answers as Flink's REST API
 * gives them, run as the scripts run it: a job name with spaces and commas, nested fields, escapes,
 * and an answer that is not JSON.
 */
class JsonPickTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final String JOBS =
      "{\"jobs\":[{\"jid\":\"9fa0\",\"name\":\"ops analytics, live\",\"state\":\"RUNNING\","
          + "\"tasks\":{\"running\":7,\"total\":7}},{\"jid\":\"bd61\",\"name\":\"x\\\"y\","
          + "\"state\":\"FAILED\",\"tasks\":{\"running\":0,\"total\":7}}]}";

  private static final String SAVEPOINT =
      "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"file:/s/savepoint-1\"}}";

  @Test
  void picksRowsAndFieldsOutOfFlinksAnswers() throws Exception {
    assertThat(pick(JOBS, "rows", "jobs", "jid", "state", "tasks.running", "tasks.total", "name"))
        .containsExactly("9fa0 RUNNING 7 7 ops analytics, live", "bd61 FAILED 0 7 x\"y");
    assertThat(pick(SAVEPOINT, "get", "status.id")).containsExactly("COMPLETED");
    assertThat(pick(SAVEPOINT, "get", "location")).containsExactly("file:/s/savepoint-1");
    assertThat(pick("{\"taskmanagers\":1,\"slots-total\":2}", "get", "slots-total"))
        .containsExactly("2");
    assertThat(pick(SAVEPOINT, "get", "jobid")).isEmpty();
  }

  @Test
  void anAnswerThatIsNotJsonGivesNothing() throws Exception {
    assertThat(pick("<html>502 Bad Gateway</html>", "get", "jobid")).isEmpty();
    assertThat(pick("{\"jobs\":[{\"jid\":", "rows", "jobs", "jid")).isEmpty();
  }

  private static List<String> pick(String json, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(REPO.resolve("deploy/local/tools/JsonPick.java").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(json.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }
}
