package uk.ambulance.ops.jobs;

import picocli.CommandLine.ParameterException;
import uk.ambulance.ops.jobs.cli.JobCommandLine;

/**
 * The job jar's Main-Class, so that {@code java -jar jobs/target/jobs-*-job.jar --help} works
 * without Flink, which the jar does not carry (the cluster provides it). This class touches no
 * Flink class: without Flink on the class path it prints the help, or checks the arguments and says
 * in one line what is wrong or where to run them (exit 2); with Flink (the {@code flink run}
 * client, a JobManager) it hands over to {@link OpsAnalyticsJob}.
 */
public final class Launcher {
  private static final String FLINK_CLASS =
      "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment";

  /** As text: a class literal would load OpsAnalyticsJob, and with it Flink's classes. */
  static final String JOB_CLASS = "uk.ambulance.ops.jobs.OpsAnalyticsJob";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (flinkIsHere()) {
      OpsAnalyticsJob.main(args);
      return;
    }
    System.exit(withoutFlink(args, System.out, System.err));
  }

  /** Help, or an argument check, for a JVM without Flink. Returns the exit code. */
  static int withoutFlink(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
    if (java.util.Arrays.asList(args).contains("--help")) {
      out.print(JobCommandLine.help());
      return 0;
    }
    try {
      JobSettings.parse(args);
    } catch (ParameterException e) {
      err.println(OpsAnalyticsJob.JOB_NAME + ": " + oneLine(e));
      return 2;
    }
    err.println(
        OpsAnalyticsJob.JOB_NAME
            + ": the arguments are valid; the job runs on a Flink cluster: flink run -c "
            + JOB_CLASS
            + " <this jar> ARGS (see jobs/README.md)");
    return 2;
  }

  /** picocli's message, on one line whatever it quotes. */
  static String oneLine(ParameterException e) {
    return e.getMessage().replaceAll("\\s*\\R\\s*", " ");
  }

  private static boolean flinkIsHere() {
    try {
      Class.forName(FLINK_CLASS, false, Launcher.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
