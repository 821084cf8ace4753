package io.stepflow.asl.validate;

import java.util.Map;

/**
 * One state being validated.
 *
 * @param scope the validation run
 * @param name the state's name
 * @param state its fields
 * @param location its JSON pointer, for example {@code /States/Foo}
 * @param type its Type
 * @param jsonata whether its query language is JSONata
 */
record StateSite(
    Scope scope,
    String name,
    Map<String, Object> state,
    String location,
    String type,
    boolean jsonata) {

  String at(String field) {
    return Pointer.at(location, field);
  }

  boolean has(String field) {
    return state.containsKey(field);
  }

  Object get(String field) {
    return state.get(field);
  }

  Report report() {
    return scope.report;
  }

  String describe() {
    return (jsonata ? "a JSONata " : "a JSONPath ") + type + " state";
  }
}
