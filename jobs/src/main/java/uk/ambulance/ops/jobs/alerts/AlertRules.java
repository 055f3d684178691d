package uk.ambulance.ops.jobs.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the alert rules file (JSON; the shipped one is {@code alert-rules.json} on the class path)
 * and refuses a bad one with a one-line reason naming the rule and key.
 */
public final class AlertRules {
  /** The rules the job ships with. */
  public static final String DEFAULT_RESOURCE = "alert-rules.json";

  private static final Set<String> RULE_KEYS =
      Set.of(
          "name",
          "alert",
          "comment",
          "measurement",
          "field",
          "where",
          "scope",
          "severity",
          "when",
          "raise",
          "clear",
          "for",
          "clearFor",
          "absentAs",
          "perMinute",
          "wallClock",
          "summary",
          "runbook");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h)");

  private AlertRules() {}

  /** The shipped rules. */
  public static List<AlertRule> defaults() {
    try (InputStream in = AlertRules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage());
    }
  }

  /** Rules from a file; throws {@link IllegalArgumentException} with a one-line reason. */
  public static List<AlertRule> fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  public static List<AlertRule> parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject() || !root.path("rules").isArray()) {
      throw new IllegalArgumentException("expected an object with a \"rules\" array");
    }
    List<AlertRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode node : root.get("rules")) {
      index++;
      String label = node.path("name").isTextual() ? node.get("name").asText() : "#" + index;
      try {
        AlertRule rule = rule(node);
        if (!names.add(rule.name())) {
          throw new IllegalArgumentException("the name is used twice");
        }
        rules.add(rule);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rule " + label + ": " + e.getMessage());
      }
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("no rules (an empty \"rules\" array pages nobody)");
    }
    return List.copyOf(rules);
  }

  private static AlertRule rule(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!RULE_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "'");
      }
    }
    String name = text(node, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be letters, digits and _, starting a letter");
    }
    String severity = text(node, "severity");
    if (!AlertRule.SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("severity must be one of " + AlertRule.SEVERITIES);
    }
    String when = text(node, "when");
    if (!when.equals("above") && !when.equals("below")) {
      throw new IllegalArgumentException("when must be 'above' or 'below'");
    }
    boolean above = when.equals("above");
    Threshold raise = Threshold.parse(level(node, "raise"));
    Threshold clear = node.has("clear") ? Threshold.parse(level(node, "clear")) : raise;
    if (raise.source() == clear.source()) {
      boolean safeSide =
          above ? clear.number() <= raise.number() : clear.number() >= raise.number();
      if (!safeSide) {
        throw new IllegalArgumentException(
            "clear must be on the safe side of raise ("
                + (above ? "at or below" : "at or above")
                + " it), or the alert would flap");
      }
    } else if (raise.source() != Threshold.Source.NUMBER
        || clear.source() != Threshold.Source.NUMBER) {
      throw new IllegalArgumentException("raise and clear must both name the same standard");
    }
    List<String> scope = strings(node.get("scope"), "scope");
    Map<String, List<String>> where = new LinkedHashMap<>();
    JsonNode whereNode = node.get("where");
    if (whereNode != null) {
      if (!whereNode.isObject()) {
        throw new IllegalArgumentException("where must map tag names to a value or a list");
      }
      whereNode
          .fields()
          .forEachRemaining(
              e -> where.put(e.getKey(), strings(e.getValue(), "where." + e.getKey())));
    }
    if ((raise.isStandard()) && !scope.contains("category") && !where.containsKey("category")) {
      throw new IllegalArgumentException("a standard needs 'category' in scope or where");
    }
    Double absentAs = null;
    if (node.has("absentAs")) {
      if (!node.get("absentAs").isNumber()) {
        throw new IllegalArgumentException("absentAs must be a number");
      }
      absentAs = node.get("absentAs").asDouble();
    }
    String alertname = node.has("alert") ? text(node, "alert") : name;
    if (!NAME.matcher(alertname).matches()) {
      throw new IllegalArgumentException("alert must be letters, digits and _, starting a letter");
    }
    return new AlertRule(
        name,
        alertname,
        text(node, "measurement"),
        text(node, "field"),
        where,
        scope,
        severity,
        above,
        raise,
        clear,
        node.has("for") ? duration(text(node, "for")) : Duration.ZERO,
        node.has("clearFor") ? duration(text(node, "clearFor")) : Duration.ZERO,
        absentAs,
        bool(node, "perMinute"),
        bool(node, "wallClock"),
        text(node, "summary"),
        text(node, "runbook"));
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("'" + key + "' is required and must be a non-empty text");
    }
    return value.asText().trim();
  }

  private static String level(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !(value.isNumber() || value.isTextual())) {
      throw new IllegalArgumentException("'" + key + "' must be a number or a standard");
    }
    return value.asText();
  }

  private static boolean bool(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("'" + key + "' must be true or false");
    }
    return value.asBoolean();
  }

  private static List<String> strings(JsonNode node, String key) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("'" + key + "' must be a text or a list of texts");
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException("'" + key + "' must list texts");
      }
      out.add(item.asText());
    }
    return List.copyOf(out);
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "for and clearFor must look like 90s, 5m or 1h, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
