package io.stepflow.asl.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSONata query language: every string of the form {@code {% expression %}} in an evaluated
 * field must hold a JSONata expression that parses.
 */
final class JsonataRules {

  static final String OPEN = "{%";
  static final String CLOSE = "%}";

  /** Fields whose strings are never evaluated, or that other rules walk. */
  private static final Set<String> NOT_EVALUATED =
      Set.of(
          "Type",
          "Comment",
          "QueryLanguage",
          "Next",
          "End",
          "Default",
          "Resource",
          "Label",
          "Branches",
          "ItemProcessor",
          "Iterator",
          "Choices",
          "Retry",
          "Catch");

  private JsonataRules() {}

  static boolean isExpression(Object value) {
    return value instanceof String s
        && s.startsWith(OPEN)
        && s.endsWith(CLOSE)
        && s.length() >= OPEN.length() + CLOSE.length();
  }

  static void check(StateSite site) {
    for (Map.Entry<String, Object> e : site.state().entrySet()) {
      if (!NOT_EVALUATED.contains(e.getKey())) {
        expressions(e.getValue(), site.at(e.getKey()), site.report());
      }
    }
    if (site.has("Items")) {
      Object items = site.get("Items");
      if (!(items instanceof List) && !isExpression(items)) {
        site.report()
            .error(
                Codes.SCHEMA_VALIDATION_FAILED,
                site.at("Items"),
                "Expected Items to be an array or a JSONata expression {% ... %}, but found "
                    + Values.describe(items));
      }
    }
  }

  /** Checks every {@code {% %}} string in the value, however deep. */
  static void expressions(Object value, String location, Report report) {
    if (value instanceof String text) {
      expression(text, location, report);
    } else if (value instanceof Map<?, ?> raw) {
      for (Map.Entry<String, Object> e : Values.asObject(raw).entrySet()) {
        expressions(e.getValue(), Pointer.at(location, e.getKey()), report);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        expressions(list.get(i), Pointer.at(location, i), report);
      }
    }
  }

  private static void expression(String text, String location, Report report) {
    boolean opens = text.startsWith(OPEN);
    boolean closes = text.endsWith(CLOSE);
    if (opens != closes || (opens && text.length() < OPEN.length() + CLOSE.length())) {
      report.error(
          Codes.INVALID_JSONATA,
          location,
          "Expected a JSONata expression to be written as {% expression %}, but found '"
              + text
              + "'");
      return;
    }
    if (opens) {
      String inner = text.substring(OPEN.length(), text.length() - CLOSE.length());
      Expressions.jsonataProblem(inner)
          .ifPresent(
              why ->
                  report.error(
                      Codes.INVALID_JSONATA,
                      location,
                      "Expected a valid JSONata expression, but found '" + text + "': " + why));
    }
  }
}
