package io.stepflow.asl.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSONPath query language: reference path fields, and payload templates whose {@code .$} fields
 * hold a path or an intrinsic function call.
 */
final class PathRules {

  private static final List<String> NULLABLE_PATHS = List.of("InputPath", "OutputPath");
  private static final List<String> REFERENCE_PATHS =
      List.of(
          "ItemsPath",
          "SecondsPath",
          "TimestampPath",
          "TimeoutSecondsPath",
          "HeartbeatSecondsPath",
          "MaxConcurrencyPath",
          "ToleratedFailureCountPath",
          "ToleratedFailurePercentagePath");
  private static final List<String> PATHS_OR_INTRINSICS = List.of("ErrorPath", "CausePath");
  private static final List<String> TEMPLATES =
      List.of("Parameters", "ResultSelector", "ItemSelector", "Assign", "Credentials");

  private PathRules() {}

  static void check(StateSite site) {
    Map<String, Object> s = site.state();
    Report r = site.report();
    for (String field : NULLABLE_PATHS) {
      if (s.containsKey(field) && s.get(field) != null) {
        path(s.get(field), site.at(field), field, Paths.Kind.PATH, false, r);
      }
    }
    if (s.containsKey("ResultPath") && s.get("ResultPath") != null) {
      path(s.get("ResultPath"), site.at("ResultPath"), "ResultPath", Paths.Kind.RESULT, false, r);
    }
    for (String field : REFERENCE_PATHS) {
      if (s.containsKey(field)) {
        path(s.get(field), site.at(field), field, Paths.Kind.REFERENCE, false, r);
      }
    }
    for (String field : PATHS_OR_INTRINSICS) {
      if (s.containsKey(field)) {
        path(s.get(field), site.at(field), field, Paths.Kind.REFERENCE, true, r);
      }
    }
    for (String field : TEMPLATES) {
      if (s.get(field) != null) {
        template(s.get(field), site.at(field), r);
      }
    }
    if ("Pass".equals(site.type()) && s.get("Result") != null) {
      staticResult(s.get("Result"), site.at("Result"), r);
    }
  }

  /** A path field: a string holding a path (or, where allowed, an intrinsic function call). */
  static void path(
      Object value,
      String location,
      String field,
      Paths.Kind kind,
      boolean intrinsicAllowed,
      Report report) {
    if (!(value instanceof String text)) {
      report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          location,
          "Expected " + field + " to be a JSONPath string, but found " + Values.describe(value));
      return;
    }
    if (intrinsicAllowed && text.startsWith("States.")) {
      intrinsic(text, location, field, report);
      return;
    }
    Optional<String> problem = Paths.problem(text, kind);
    problem.ifPresent(
        why ->
            report.error(
                Codes.INVALID_JSONPATH,
                location,
                "Expected "
                    + field
                    + " to be "
                    + expectation(kind)
                    + ", but found '"
                    + text
                    + "': "
                    + why));
  }

  /** A payload template: every field whose name ends in {@code .$} holds a path or intrinsic. */
  static void template(Object value, String location, Report report) {
    if (value instanceof Map<?, ?> raw) {
      Map<String, Object> map = Values.asObject(raw);
      for (Map.Entry<String, Object> e : map.entrySet()) {
        String key = e.getKey();
        String at = Pointer.at(location, key);
        if (key.endsWith(".$")) {
          String plain = key.substring(0, key.length() - 2);
          if (map.containsKey(plain)) {
            report.error(
                Codes.SCHEMA_VALIDATION_FAILED,
                at,
                "Expected either '" + plain + "' or '" + key + "', but found both");
          }
          path(e.getValue(), at, "'" + key + "'", Paths.Kind.PATH, true, report);
        } else {
          if (looksDynamic(e.getValue())) {
            report.warning(
                Codes.NO_DOLLAR,
                at,
                "Expected the field name to end in '.$' for its value to be evaluated, but '"
                    + key
                    + "' holds the literal text "
                    + Values.describe(e.getValue()));
          }
          template(e.getValue(), at, report);
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        template(list.get(i), Pointer.at(location, i), report);
      }
    }
  }

  private static void intrinsic(String text, String location, String field, Report report) {
    Expressions.intrinsicProblem(text)
        .ifPresent(
            why ->
                report.error(
                    Codes.INVALID_INTRINSIC_FUNCTION,
                    location,
                    "Expected "
                        + field
                        + " to be a valid intrinsic function call, but found '"
                        + text
                        + "': "
                        + why));
  }

  private static void staticResult(Object result, String location, Report report) {
    if (result instanceof Map<?, ?> raw) {
      for (Map.Entry<String, Object> e : Values.asObject(raw).entrySet()) {
        String at = Pointer.at(location, e.getKey());
        if (e.getKey().endsWith(".$")) {
          report.warning(
              Codes.PASS_RESULT_IS_STATIC,
              at,
              "Expected a static Result (paths are not evaluated there; use Parameters), but found"
                  + " the field '"
                  + e.getKey()
                  + "'");
        }
        staticResult(e.getValue(), at, report);
      }
    } else if (result instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        staticResult(list.get(i), Pointer.at(location, i), report);
      }
    }
  }

  private static boolean looksDynamic(Object value) {
    return value instanceof String s
        && (s.startsWith("$.") || s.startsWith("$$.") || s.matches("States\\.[A-Za-z]+\\(.*\\)"));
  }

  private static String expectation(Paths.Kind kind) {
    return switch (kind) {
      case PATH -> "a valid JSONPath";
      case REFERENCE -> "a valid reference path naming a single value";
      case RESULT -> "a valid reference path into the state's input, such as $ or $.result";
    };
  }
}
