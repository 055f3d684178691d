import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks values out of the JSON that Flink's REST API answers, for the stack's shell scripts (a
 * fresh machine has a JDK, not jq). Reads one JSON document on stdin.
 *
 * <pre>
 * JsonPick get KEY         the first value of KEY anywhere in the document (depth first), or of
 *                          the dotted path from the root when KEY has dots (status.id); nothing
 *                          when absent
 * JsonPick rows ARRAY F... one line per element of the first array called ARRAY: the fields F
 *                          (dotted paths inside the element), separated by spaces
 * </pre>
 *
 * Input that is not JSON prints nothing and exits 1, so a script sees an empty answer.
 */
public final class JsonPick {
  private final String text;
  private int at;

  private JsonPick(String text) {
    this.text = text;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || !(args[0].equals("get") || args[0].equals("rows"))) {
      System.err.println("usage: JsonPick get KEY | JsonPick rows ARRAY FIELD...");
      System.exit(2);
    }
    Object doc;
    try (InputStream in = System.in) {
      JsonPick parser = new JsonPick(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      doc = parser.value();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      System.exit(1);
      return;
    }
    StringBuilder out = new StringBuilder();
    if (args[0].equals("get")) {
      Object v = args[1].contains(".") ? path(doc, args[1]) : first(doc, args[1]);
      if (v != null) {
        out.append(text(v)).append('\n');
      }
    } else if (first(doc, args[1]) instanceof List<?> rows) {
      for (Object row : rows) {
        List<String> fields = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
          fields.add(text(path(row, args[i])));
        }
        out.append(String.join(" ", fields)).append('\n');
      }
    }
    System.out.print(out);
  }

  /** As the shell wants it: whole numbers without ".0" (JSON has one number type). */
  private static String text(Object value) {
    return value instanceof Double d && d == Math.rint(d)
        ? String.valueOf(d.longValue())
        : String.valueOf(value);
  }

  private static Object first(Object node, String key) {
    if (node instanceof Map<?, ?> map) {
      if (map.containsKey(key)) {
        return map.get(key);
      }
      for (Object child : map.values()) {
        Object found = first(child, key);
        if (found != null) {
          return found;
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object child : list) {
        Object found = first(child, key);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Object path(Object node, String dotted) {
    for (String key : dotted.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  // A small JSON reader: objects keep their order, numbers are doubles.
  private Object value() {
    skip();
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    at++;
    skip();
    if (text.charAt(at) == '}') {
      at++;
      return map;
    }
    while (true) {
      skip();
      String key = string();
      skip();
      expect(':');
      map.put(key, value());
      skip();
      if (text.charAt(at) == ',') {
        at++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    at++;
    skip();
    if (text.charAt(at) == ']') {
      at++;
      return list;
    }
    while (true) {
      list.add(value());
      skip();
      if (text.charAt(at) == ',') {
        at++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'n' -> s.append('\n');
        case 't' -> s.append('\t');
        case 'r' -> s.append('\r');
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'u' -> {
          s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> s.append(e);
      }
    }
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw new IllegalArgumentException("not JSON at " + at);
    }
    return Double.valueOf(text.substring(start, at));
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw new IllegalArgumentException("not JSON at " + at);
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (text.charAt(at) != c) {
      throw new IllegalArgumentException("expected " + c + " at " + at);
    }
    at++;
  }

  private void skip() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
