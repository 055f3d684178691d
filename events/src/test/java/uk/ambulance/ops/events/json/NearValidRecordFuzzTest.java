package uk.ambulance.ops.events.json;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import uk.ambulance.ops.events.model.HospitalStatus;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.VehiclePosition;

/**
 * Fuzzes all three parsers with valid records made nearly invalid on purpose: a field replaced by a
 * value that breaks careless readers (1e400, -0, "NaN", a 1001-digit number, a time past the 64-bit
 * epoch-millisecond range, a lone surrogate, nesting up to 1200 deep), then the bytes edited (a
 * byte-order mark, overlong or surrogate UTF-8, padding to either side of the 16 KiB limit, a cut).
 * Plain byte mutation rarely reaches these; every parser gets every result, as a misrouted record
 * would arrive.
 */
class NearValidRecordFuzzTest {
  private static final IncidentEventParser INCIDENTS =
      new IncidentEventParser(ParserContract.RULES);
  private static final VehiclePositionParser POSITIONS =
      new VehiclePositionParser(ParserContract.RULES);
  private static final HospitalStatusParser STATUSES =
      new HospitalStatusParser(ParserContract.RULES);

  private static final List<Object> SEEDS = ValidRecords.asList();

  @FuzzTest(maxDuration = "60s", maxExecutions = 1500)
  void mutatedValidRecord(FuzzedDataProvider data) {
    JsonRecordText record = JsonRecordText.of(EventJson.toJson(data.pickValue(SEEDS)));
    int edits = data.consumeInt(1, 3);
    for (int i = 0; i < edits; i++) {
      record.set(data.pickValue(record.namesAndExtras()), NastyJson.value(data));
    }
    byte[] bytes = NastyBytes.edit(record.toBytes(), data, ParserContract.RULES.maxRecordBytes());
    ParserContract.holds(INCIDENTS, bytes, IncidentEvent::timeMillis);
    ParserContract.holds(POSITIONS, bytes, VehiclePosition::timeMillis);
    ParserContract.holds(STATUSES, bytes, HospitalStatus::timeMillis);
  }

  /** Byte-level edits that no JSON writer would make. */
  static final class NastyBytes {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<byte[]> BAD_UTF8 =
        List.of(
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // lone high surrogate, as CESU-8
            new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/', three bytes
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            new byte[] {(byte) 0xFF},
            new byte[] {0});

    private NastyBytes() {}

    static byte[] edit(byte[] json, FuzzedDataProvider data, int limit) {
      return switch (data.consumeInt(0, 5)) {
        case 0 -> json;
        case 1 -> concat(BOM, json);
        case 2 -> insert(json, data.consumeInt(0, json.length), data.pickValue(BAD_UTF8));
        case 3 -> padTo(json, limit + data.consumeInt(-1, 1));
        case 4 -> Arrays.copyOf(json, data.consumeInt(0, json.length));
        default -> concat(json, data.consumeBytes(8));
      };
    }

    /** Whitespace before the closing brace: still the same JSON object, just {@code size} bytes. */
    private static byte[] padTo(byte[] json, int size) {
      if (json.length >= size || json.length == 0) {
        return json;
      }
      byte[] padded = new byte[size];
      Arrays.fill(padded, (byte) ' ');
      System.arraycopy(json, 0, padded, 0, json.length - 1);
      padded[size - 1] = json[json.length - 1];
      return padded;
    }

    private static byte[] insert(byte[] json, int at, byte[] bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(json, 0, at);
      out.writeBytes(bytes);
      out.write(json, at, json.length - at);
      return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
      return insert(a, a.length, b);
    }
  }

  /** JSON values, as raw text, that a reader must refuse or take exactly. */
  static final class NastyJson {
    private static final List<String> VALUES =
        List.of(
            "1e400",
            "-1e400",
            "1e-400",
            "-0",
            "-0.0",
            "NaN",
            "Infinity",
            "\"NaN\"",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "1" + "0".repeat(1000),
            "1" + "0".repeat(999),
            "0." + "0".repeat(998) + "1",
            "1e2147483648",
            "\"+1000000000-12-31T23:59:59.999999999Z\"",
            "\"-1000000000-01-01T00:00:00Z\"",
            "\"-292275055-05-16T16:47:04.191Z\"",
            "\"-292275055-05-16T16:47:04.192Z\"",
            "\"0000-01-01T00:00:00Z\"",
            "\"2026-11-22T10:00:00Z\"",
            "\"2026-11-22T10:00:00.000000001Z\"",
            "\"\\ud800\"",
            "\"x\\udc00\"",
            "\"\\ud83d\\ude91\"",
            "\"\\u0000\"",
            "\"\\ufeffC1\"",
            "\"\"",
            "\" \"",
            "\"\u2028\"",
            "null",
            "true",
            "[]",
            "{}");

    private NastyJson() {}

    static String value(FuzzedDataProvider data) {
      return switch (data.consumeInt(0, 3)) {
        case 0 -> data.pickValue(VALUES);
        case 1 -> nested(data.consumeInt(1, 1200), data.consumeBoolean());
        case 2 -> EventJson.toJson(data.consumeString(64));
        default -> EventJson.toJson(data.consumeLong());
      };
    }

    private static String nested(int depth, boolean arrays) {
      return arrays
          ? "[".repeat(depth) + "]".repeat(depth)
          : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }
  }

  /**
   * A flat JSON object as field names and raw value texts, so that a value can be replaced by text
   * that no JSON library would write (1e400, NaN).
   */
  static final class JsonRecordText {
    private static final List<String> EXTRA_NAMES = List.of("time", "lat", "type", "extra");
    private final LinkedHashMap<String, String> fields;

    private JsonRecordText(LinkedHashMap<String, String> fields) {
      this.fields = fields;
    }

    static JsonRecordText of(String json) {
      try {
        var tree = new ObjectMapper().readTree(json);
        var fields = new LinkedHashMap<String, String>();
        tree.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().toString()));
        return new JsonRecordText(fields);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("seed record is not JSON: " + json, e);
      }
    }

    List<String> namesAndExtras() {
      var names = new ArrayList<>(fields.keySet());
      names.addAll(EXTRA_NAMES);
      return names;
    }

    void set(String name, String rawValue) {
      fields.put(name, rawValue);
    }

    byte[] toBytes() {
      StringBuilder sb = new StringBuilder("{");
      fields.forEach(
          (name, value) ->
              sb.append(sb.length() > 1 ? "," : "")
                  .append('"')
                  .append(name)
                  .append("\":")
                  .append(value));
      return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
