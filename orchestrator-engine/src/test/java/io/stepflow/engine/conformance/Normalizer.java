package io.stepflow.engine.conformance;

import io.stepflow.asl.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Brings an actual result to the form the pack's snapshots have (its README, "Normalise your actual
 * result"), and compares it with an expected value whose placeholders are wildcards.
 */
final class Normalizer {

  private static final Pattern ISO_DATE_TIME =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})$");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>\\s]+>");
  private static final List<String> BARE_WILDCARDS =
      List.of(
          "date", "timestamp", "snf_role_arn", "RequestId", "X-Amzn-Trace-Id", "x-amzn-RequestId");

  private final List<Map<String, Object>> transformers;
  private final String region;

  Normalizer(List<Map<String, Object>> transformers, String region) {
    this.transformers = transformers;
    this.region = region;
  }

  Object normalize(Object value) {
    String text = Json.write(value);
    for (Map<String, Object> t : transformers) {
      if ("regex".equals(t.get("type"))) {
        text = text.replaceAll((String) t.get("pattern"), quote((String) t.get("replacement")));
      }
    }
    text = text.replace("arn:aws:", "arn:<partition>:").replace(region, "<region>");
    return dates(Json.parse(text), null);
  }

  /**
   * Applies the case's jsonpath transformers that name a field of the execution's output (for
   * example {@code $..executionSucceededEventDetails.output.FunctionResult}).
   */
  @SuppressWarnings("unchecked")
  Object replaceOutputValues(Object output) {
    for (Map<String, Object> t : transformers) {
      String path = String.valueOf(t.get("jsonpath"));
      int at = path.indexOf("executionSucceededEventDetails.output.");
      if (!"jsonpath".equals(t.get("type")) || at < 0) {
        continue;
      }
      String[] keys =
          path.substring(at + "executionSucceededEventDetails.output.".length()).split("\\.");
      Object node = output;
      for (int i = 0; i < keys.length - 1 && node instanceof Map<?, ?>; i++) {
        node = ((Map<String, Object>) node).get(keys[i]);
      }
      if (node instanceof Map<?, ?> map && map.containsKey(keys[keys.length - 1])) {
        ((Map<String, Object>) map).put(keys[keys.length - 1], t.get("replacement"));
      }
    }
    return output;
  }

  String normalizeText(String value) {
    if (value == null) {
      return null;
    }
    Object normalized = normalize(value);
    return (String) normalized;
  }

  private static String quote(String replacement) {
    return java.util.regex.Matcher.quoteReplacement(replacement);
  }

  @SuppressWarnings("unchecked")
  private static Object dates(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, dates(v, k)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(dates(item, key));
      }
      return out;
    }
    if (value instanceof String s && ISO_DATE_TIME.matcher(s).matches()) {
      return "date";
    }
    if (key != null
        && (key.toLowerCase().contains("timestamp")
            || key.equals("creationTime")
            || key.equals("ingestionTime"))
        && !(value instanceof Map || value instanceof List)) {
      return "timestamp";
    }
    return value;
  }

  /** True when {@code actual} matches {@code expected}, reading placeholders as wildcards. */
  static boolean matches(Object expected, Object actual) {
    if ("generated-uuid".equals(expected) && actual instanceof String a) {
      return UUID.matcher(a).matches(); // the pack's name for a value States.UUID made
    }
    if (expected instanceof String e) {
      if (BARE_WILDCARDS.contains(e) || PLACEHOLDER.matcher(e).matches()) {
        return true;
      }
      if (actual instanceof String a) {
        if (e.equals(a)) {
          return true;
        }
        if (PLACEHOLDER.matcher(e).find()) {
          return Pattern.compile(toRegex(e), Pattern.DOTALL).matcher(a).matches();
        }
      }
      return false;
    }
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      if (!e.keySet().equals(a.keySet())) {
        return false;
      }
      for (Object k : e.keySet()) {
        if (!matches(e.get(k), a.get(k))) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof List<?> e && actual instanceof List<?> a) {
      if (e.size() != a.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        if (!matches(e.get(i), a.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Json.jsonEquals(expected, actual);
  }

  private static String toRegex(String expected) {
    StringBuilder regex = new StringBuilder();
    var m = PLACEHOLDER.matcher(expected);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(last, m.start()))).append(".*?");
      last = m.end();
    }
    regex.append(Pattern.quote(expected.substring(last)));
    return regex.toString();
  }
}
