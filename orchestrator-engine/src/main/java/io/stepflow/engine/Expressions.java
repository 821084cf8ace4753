package io.stepflow.engine;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.jsonata.JsonataEvaluator;
import io.stepflow.asl.jsonata.JsonataScope;
import io.stepflow.asl.path.JsonPathProcessor;
import io.stepflow.asl.path.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The engine's one door to the query languages: JSONPath processing and JSONata evaluation with the
 * scope a branch sees at a state.
 */
final class Expressions {

  private Expressions() {}

  static Scope jsonPath(
      Object input, Object context, Map<String, Object> variables, RandomGenerator random) {
    return new Scope(input, context, variables, random);
  }

  static JsonataScope jsonata(
      Object input, Object context, Map<String, Object> variables, RandomGenerator random) {
    return JsonataScope.of(input, context, variables).withRandom(random);
  }

  static Object inputPath(String path, Scope scope) {
    return JsonPathProcessor.inputPath(path, scope);
  }

  static Object outputPath(String path, Object output, Scope scope) {
    return JsonPathProcessor.outputPath(path, output, scope);
  }

  static Object template(Object template, Scope scope, String field) {
    return JsonPathProcessor.payloadTemplate(template, scope, field);
  }

  static Object resultPath(Object stateInput, String path, Object result) {
    return JsonPathProcessor.resultPath(stateInput, path, result);
  }

  static Object jsonataTemplate(Object template, JsonataScope scope, String field) {
    return JsonataEvaluator.evaluateTemplate(template, scope, field);
  }

  /**
   * Evaluates an Assign block: every value sees the variables as they were before the state
   * assigned any.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> assignJsonPath(Object assign, Scope scope) {
    if (assign == null) {
      return Map.of();
    }
    Object value = template(assign, scope, "Assign");
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> assignJsonata(Object assign, JsonataScope scope) {
    if (assign == null) {
      return Map.of();
    }
    Object value = jsonataTemplate(assign, scope, "Assign");
    if (value instanceof Map<?, ?> map) {
      return new LinkedHashMap<>((Map<String, Object>) map);
    }
    throw new StatesError(
        "States.QueryEvaluationError", "Expected Assign to be an object, but found " + value);
  }
}
