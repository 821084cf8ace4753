package io.stepflow.asl.path;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A definite path such as {@code $.a.b}, {@code $['a b']} or {@code $.list[0]} that names one place
 * in a document, so that a value can be written there (ResultPath).
 */
final class ReferencePath {

  private sealed interface Segment {}

  private record Field(String name) implements Segment {}

  private record Index(int index) implements Segment {}

  private final String text;
  private final List<Segment> segments;

  private ReferencePath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * Parses a reference path.
   *
   * @throws IllegalArgumentException when the text is not a definite path rooted at {@code $}
   */
  static ReferencePath parse(String text) {
    if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
      throw new IllegalArgumentException(
          "Expected a reference path starting with '$', but found: " + text);
    }
    List<Segment> segments = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        String name = text.substring(i + 1, end);
        if (name.isEmpty() || name.equals("*")) {
          throw invalid(text, i);
        }
        segments.add(new Field(name));
        i = end;
      } else if (c == '[') {
        int close = bracketEnd(text, i);
        String inner = text.substring(i + 1, close).trim();
        segments.add(bracketSegment(text, i, inner));
        i = close + 1;
      } else {
        throw invalid(text, i);
      }
    }
    return new ReferencePath(text, List.copyOf(segments));
  }

  /** True for the path {@code $} itself. */
  boolean isRoot() {
    return segments.isEmpty();
  }

  /**
   * Returns a copy of {@code document} with {@code value} at this path, creating missing objects on
   * the way.
   *
   * @throws StatesError {@code States.ResultPathMatchFailure} when the path leads through a value
   *     that is not an object (or an array index that does not exist)
   */
  Object write(Object document, Object value) {
    if (segments.isEmpty()) {
      return value;
    }
    Object root = Json.deepCopy(document);
    Object current = root;
    for (int i = 0; i < segments.size(); i++) {
      boolean last = i == segments.size() - 1;
      Segment segment = segments.get(i);
      if (segment instanceof Field(String name) && current instanceof Map<?, ?> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) raw;
        if (last) {
          map.put(name, value);
        } else {
          if (!map.containsKey(name)) {
            map.put(name, new LinkedHashMap<String, Object>());
          }
          current = map.get(name);
        }
      } else if (segment instanceof Index(int index)
          && current instanceof List<?> raw
          && index < raw.size()) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) raw;
        if (last) {
          list.set(index, value);
        } else {
          current = list.get(index);
        }
      } else {
        throw new StatesError(
            ErrorNames.RESULT_PATH_MATCH_FAILURE,
            "Unable to apply ReferencePath " + text + " to input " + Json.write(document));
      }
    }
    return root;
  }

  private static Segment bracketSegment(String text, int at, String inner) {
    if (inner.length() >= 2
        && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')
        && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
      return new Field(unescape(inner.substring(1, inner.length() - 1), inner.charAt(0)));
    }
    try {
      int index = Integer.parseInt(inner);
      if (index >= 0) {
        return new Index(index);
      }
    } catch (NumberFormatException e) {
      // fall through: not an index
    }
    throw invalid(text, at);
  }

  private static int bracketEnd(String text, int open) {
    char quote = 0;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ']') {
        return i;
      }
    }
    throw invalid(text, open);
  }

  /** As AWS reads quoted names: a backslash escapes only the quote character; others stay. */
  private static String unescape(String quoted, char quote) {
    return quoted.replace("\\" + quote, String.valueOf(quote));
  }

  private static IllegalArgumentException invalid(String text, int at) {
    return new IllegalArgumentException(
        "Expected a definite reference path (fields and array indexes only), but found '"
            + text
            + "' with unexpected syntax at position "
            + at);
  }
}
