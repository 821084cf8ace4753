package io.stepflow.asl.path;

import io.stepflow.asl.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Test-only: brings an actual result into the form the recorded snapshots use (dates, UUIDs and the
 * test's own replacements), so that it can be compared with {@link Json#jsonEquals}.
 */
final class SnapshotNormalizer {

  private static final Pattern ISO_DATE_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})");
  private static final Pattern UUID_START =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}.*");
  private static final Pattern JSON_IN_QUOTES = Pattern.compile("'\\{.*}'", Pattern.DOTALL);

  private final List<Map<String, Object>> transformers;
  private final Map<String, String> uuids = new LinkedHashMap<>();

  SnapshotNormalizer(List<Map<String, Object>> transformers) {
    this.transformers = transformers == null ? List.of() : transformers;
  }

  @SuppressWarnings("unchecked")
  Object output(Object actual) {
    Object value = walk(Json.deepCopy(actual), null);
    for (Map<String, Object> t : transformers) {
      if ("jsonpath".equals(t.get("type"))
          && t.get("jsonpath") instanceof String path
          && path.matches("\\$\\.\\.[A-Za-z_]+")) {
        replaceKey(value, path.substring(3), t.get("replacement"));
      } else if ("jsonpath".equals(t.get("type"))
          && t.get("jsonpath") instanceof String path
          && path.matches(".*\\.output\\.[A-Za-z_]+")
          && value instanceof Map<?, ?> map) {
        // a path into the recorded history's output events: apply it to the output itself
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (map.containsKey(key)) {
          ((Map<String, Object>) map).put(key, t.get("replacement"));
        }
      }
    }
    String text = Json.write(value);
    for (Map<String, Object> t : transformers) {
      if ("regex".equals(t.get("type"))) {
        try {
          text =
              text.replaceAll(
                  (String) t.get("pattern"),
                  java.util.regex.Matcher.quoteReplacement((String) t.get("replacement")));
        } catch (PatternSyntaxException e) {
          // a Python-only pattern: leave the text as it is
        }
      }
    }
    return Json.parse(text);
  }

  static String cause(String cause) {
    return cause == null ? null : JSON_IN_QUOTES.matcher(cause).replaceAll("'<json-input:1>'");
  }

  @SuppressWarnings("unchecked")
  private Object walk(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      m.replaceAll((k, v) -> walk(v, k));
      return m;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(walk(item, null));
      }
      return out;
    }
    if (value instanceof String text) {
      if (ISO_DATE_TIME.matcher(text).matches()) {
        return "date";
      }
      if (key != null && key.toLowerCase().endsWith("id") && UUID_START.matcher(text).matches()) {
        return uuids.computeIfAbsent(text, t -> "<uuid:" + (uuids.size() + 1) + ">");
      }
    }
    if (key != null && key.toLowerCase().contains("timestamp")) {
      return "timestamp";
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static void replaceKey(Object value, String key, Object replacement) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        if (e.getKey().equals(key)) {
          e.setValue(replacement);
        } else {
          replaceKey(e.getValue(), key, replacement);
        }
      }
    } else if (value instanceof List<?> list) {
      list.forEach(item -> replaceKey(item, key, replacement));
    }
  }
}
