package uk.ambulance.ops.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose deployment's job-submit script (no Docker here, so with a stand-in for the {@code
 * flink} client that records its arguments): after a JobManager crash or a cancel for an upgrade,
 * the job starts from the newest retained checkpoint or savepoint, never empty; a running job is
 * left alone.
 */
class SubmitJobScriptTest {
  private static final Path SCRIPT =
      Path.of("..", "deploy", "compose", "flink", "submit-job.sh").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void resumesFromTheNewestRetainedCheckpointOrSavepoint() throws Exception {
    Path data = dir.resolve("flink-data");
    state(data.resolve("checkpoints/job-a/chk-7"), "2026-12-02T01:00:00Z");
    Path newest = state(data.resolve("savepoints/savepoint-a-1"), "2026-12-02T03:00:00Z");
    state(data.resolve("checkpoints/job-b/chk-2"), "2026-12-02T02:00:00Z");
    Files.createDirectories(data.resolve("checkpoints/job-b/chk-3")); // being written: no metadata

    List<String> run = submit(data, Map.of(), "");
    assertThat(run)
        .containsSubsequence("run", "-d", "-m", "jm:8081", "-s", newest.toString())
        .endsWith("--bootstrap-servers", "kafka:9092");
  }

  @Test
  void startsEmptyOnlyWithoutStateOrWhenTold() throws Exception {
    Path data = dir.resolve("flink-data");
    assertThat(submit(data, Map.of(), "")).contains("run").doesNotContain("-s");
    state(data.resolve("checkpoints/job-a/chk-7"), "2026-12-02T01:00:00Z");
    assertThat(submit(data, Map.of("RESUME_FROM", "none"), "")).doesNotContain("-s");
  }

  @Test
  void leavesARunningJobAlone() throws Exception {
    List<String> run =
        submit(
            dir.resolve("flink-data"), Map.of(), "01.12.2026 : abc123 : ops-analytics (RUNNING)");
    assertThat(run).isEmpty();
  }

  private static Path state(Path stateDir, String written) throws IOException {
    Files.createDirectories(stateDir);
    Path metadata = Files.writeString(stateDir.resolve("_metadata"), "x");
    Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(written)));
    return stateDir;
  }

  /** Runs the script; the arguments of `flink run`, if it was called. */
  private List<String> submit(Path data, Map<String, String> env, String listed) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path calls = dir.resolve("run-args");
    Files.deleteIfExists(calls);
    Path flink = bin.resolve("flink");
    Files.writeString(
        flink,
        "#!/bin/bash\n"
            + "if [[ $1 == list ]]; then printf '%s\\n' \""
            + listed
            + "\"; exit 0; fi\n"
            + "printf '%s\\n' \"$@\" > '"
            + calls
            + "'\n");
    Files.setPosixFilePermissions(flink, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb =
        new ProcessBuilder("bash", SCRIPT.toString(), "--bootstrap-servers", "kafka:9092")
            .redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("JOBMANAGER", "jm:8081");
    pb.environment().put("FLINK_DATA", data.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }
}
