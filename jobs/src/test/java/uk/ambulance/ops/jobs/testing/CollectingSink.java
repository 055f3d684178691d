package uk.ambulance.ops.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink for MiniCluster tests: every element lands in a queue the test reads. The queue is found
 * by id through a static registry because the sink itself is serialised into the job.
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    QUEUES.put(id, new ConcurrentLinkedQueue<>());
  }

  @SuppressWarnings("unchecked")
  public List<T> collected() {
    return new ArrayList<>((Queue<T>) (Queue<?>) QUEUES.get(id));
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> queue = QUEUES.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        queue.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
