package uk.ambulance.ops.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU seconds per Flink task (a chain of operators, named as in the job graph), taken from the
 * JVM's own thread CPU clocks while a job runs in this JVM. Per task rather than for the whole
 * process, so that a change to one operator can be compared on a busy machine: its own CPU time
 * moves little with the load beside it, whereas wall time and the process's total do.
 */
final class TaskCpu implements AutoCloseable {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** Per thread id: its name and its latest CPU time, kept after the thread ends. */
  private final Map<Long, Map.Entry<String, Long>> seen = new HashMap<>();

  private final Thread sampler;
  private volatile boolean running = true;

  TaskCpu() {
    sampler =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(200); // a sampling interval: task threads live for the whole job
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "task-cpu-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private synchronized void sample() {
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu > 0) {
        seen.put(info.getThreadId(), Map.entry(info.getThreadName(), cpu));
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }

  /** CPU seconds per task, summed over its subtasks ("name (1/2)#0" and "name (2/2)#0"). */
  synchronized Map<String, Double> secondsPerTask() {
    return seen.values().stream()
        .filter(e -> e.getKey().matches(".* \\(\\d+/\\d+\\)#\\d+"))
        .collect(
            Collectors.groupingBy(
                e -> e.getKey().replaceAll(" \\(\\d+/\\d+\\)#\\d+$", ""),
                Collectors.summingDouble(e -> e.getValue() / 1e9)));
  }
}
