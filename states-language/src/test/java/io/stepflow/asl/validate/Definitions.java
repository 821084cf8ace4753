package io.stepflow.asl.validate;

import io.stepflow.asl.json.Json;
import java.util.List;
import java.util.Map;

/** Small definitions for the rule tests, written as JSON text. */
final class Definitions {

  private Definitions() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  static List<Diagnostic> validate(String json) {
    return DefinitionValidator.validate(parse(json));
  }

  static List<Diagnostic> errors(String json) {
    return validate(json).stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  /** A machine with the one given state, named A, as its start. */
  static String single(String stateJson) {
    return "{\"StartAt\":\"A\",\"States\":{\"A\":" + stateJson + "}}";
  }

  /** The same, in a machine whose top-level QueryLanguage is JSONata. */
  static String singleJsonata(String stateJson) {
    return "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"A\",\"States\":{\"A\":" + stateJson + "}}";
  }
}
