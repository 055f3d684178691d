package uk.ambulance.ops.generators.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import uk.ambulance.ops.events.Topics;
import uk.ambulance.ops.generators.output.NdjsonFiles;
import uk.ambulance.ops.generators.output.OutRecord;
import uk.ambulance.ops.generators.output.RecordSink;

/**
 * Publishes NDJSON stream files, merged across streams in the order they were delivered. Each
 * file's lines keep their order; a line's pacing time is the latest record time seen so far in its
 * file (a late record goes out when it was delivered, not when it happened). Lines that are not
 * valid records (the malformed ones) are published as they are, keyed if a key can be read.
 */
public final class Replayer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A file being read: its topic, key field and the next line waiting to go. */
  private static final class Cursor {
    final String topic;
    final String keyField;
    final BufferedReader reader;
    String line;
    long paceTime = Long.MIN_VALUE;
    String key;
    long order;

    Cursor(String topic, String keyField, BufferedReader reader) {
      this.topic = topic;
      this.keyField = keyField;
      this.reader = reader;
    }

    boolean advance(long order) throws IOException {
      line = reader.readLine();
      if (line == null) {
        return false;
      }
      this.order = order;
      key = null;
      try {
        JsonNode node = MAPPER.readTree(line);
        if (node != null && node.isObject()) {
          JsonNode k = node.get(keyField);
          key = k != null && k.isTextual() ? k.textValue() : null;
          JsonNode t = node.get("time");
          if (t != null && t.isTextual()) {
            paceTime = Math.max(paceTime, Instant.parse(t.textValue()).toEpochMilli());
          }
        }
      } catch (IOException | RuntimeException e) {
        // Malformed line: keep the pace of its neighbours and send it unkeyed.
      }
      return true;
    }
  }

  /** The stream files found in a folder, as (topic, key field) pairs. */
  public static List<String[]> streams() {
    return List.of(
        new String[] {Topics.CAD_INCIDENTS, "incidentId"},
        new String[] {Topics.AVL_POSITIONS, "vehicleId"},
        new String[] {Topics.HOSPITAL_STATUS, "hospitalId"});
  }

  /** Replays every stream file present in {@code dir} into the sink. Returns records sent. */
  public static long replay(Path dir, RecordSink sink, Runnable progress) throws IOException {
    List<Cursor> cursors = new ArrayList<>();
    PriorityQueue<Cursor> next =
        new PriorityQueue<>(
            (a, b) ->
                a.paceTime != b.paceTime
                    ? Long.compare(a.paceTime, b.paceTime)
                    : Long.compare(a.order, b.order));
    long order = 0;
    long sent = 0;
    try {
      for (String[] stream : streams()) {
        Path file = NdjsonFiles.fileFor(dir, stream[0]);
        if (Files.exists(file)) {
          Cursor c =
              new Cursor(
                  stream[0], stream[1], Files.newBufferedReader(file, StandardCharsets.UTF_8));
          cursors.add(c);
          if (c.advance(order++)) {
            next.add(c);
          }
        }
      }
      if (cursors.isEmpty()) {
        throw new IOException(
            "no stream files (" + String.join(", ", Topics.INPUTS) + ".ndjson) in " + dir);
      }
      while (!next.isEmpty()) {
        Cursor c = next.poll();
        long time = c.paceTime == Long.MIN_VALUE ? 0 : c.paceTime;
        sink.send(new OutRecord(c.topic, c.key, time, c.line.getBytes(StandardCharsets.UTF_8)));
        sent++;
        if ((sent & 0xFFF) == 0) {
          progress.run();
        }
        if (c.advance(order++)) {
          next.add(c);
        }
      }
    } finally {
      for (Cursor c : cursors) {
        c.reader.close();
      }
    }
    return sent;
  }

  private Replayer() {}
}
