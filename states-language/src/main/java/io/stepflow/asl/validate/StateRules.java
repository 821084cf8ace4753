package io.stepflow.asl.validate;

import java.util.Map;
import java.util.TreeSet;

/** One state: its Type and query language, then the rules for its fields by concern. */
final class StateRules {

  static final String JSONPATH = "JSONPath";
  static final String JSONATA = "JSONata";

  private StateRules() {}

  static void check(String name, Object raw, String location, Scope scope) {
    if (!(raw instanceof Map<?, ?> map)) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          location,
          "Expected state '" + name + "' to be an object, but found " + Values.describe(raw));
      return;
    }
    Map<String, Object> state = Values.asObject(map);
    Object type = state.get("Type");
    if (!(type instanceof String t) || !FieldRules.TYPES.contains(t)) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          state.containsKey("Type") ? Pointer.at(location, "Type") : location,
          "Expected Type to be one of "
              + new TreeSet<>(FieldRules.TYPES)
              + ", but found "
              + (state.containsKey("Type") ? Values.describe(type) : "no Type"));
      return;
    }
    boolean jsonata = queryLanguage(state, location, scope);
    StateSite site = new StateSite(scope, name, state, location, t, jsonata);

    FieldRules.check(site);
    TransitionRules.checkEndNext(site);
    RetryCatchRules.check(site);
    if (jsonata) {
      JsonataRules.check(site);
    } else {
      PathRules.check(site);
    }
    switch (t) {
      case "Task" -> TaskRules.check(site);
      case "Choice" -> ChoiceRules.check(site);
      case "Map" -> MapRules.checkMap(site);
      case "Parallel" -> MapRules.checkParallel(site);
      default -> PlainStateRules.check(site);
    }
  }

  /** Whether the state uses JSONata, reporting a QueryLanguage AWS does not allow here. */
  private static boolean queryLanguage(Map<String, Object> state, String location, Scope scope) {
    if (!state.containsKey("QueryLanguage")) {
      return scope.topJsonata;
    }
    Object language = state.get("QueryLanguage");
    String at = Pointer.at(location, "QueryLanguage");
    if (!JSONPATH.equals(language) && !JSONATA.equals(language)) {
      scope.report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          at,
          "Expected QueryLanguage to be \"JSONPath\" or \"JSONata\", but found "
              + Values.describe(language));
      return scope.topJsonata;
    }
    if (scope.topJsonata && JSONPATH.equals(language)) {
      scope.report.error(
          Codes.INVALID_QUERY_LANGUAGE,
          at,
          "Expected JSONata in every state of a machine whose top-level QueryLanguage is JSONata,"
              + " but found QueryLanguage \"JSONPath\"");
    }
    return JSONATA.equals(language);
  }
}
