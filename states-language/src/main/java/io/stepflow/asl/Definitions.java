package io.stepflow.asl;

import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.StateMachine;
import io.stepflow.asl.model.StateMachineParser;
import io.stepflow.asl.validate.DefinitionValidator;
import io.stepflow.asl.validate.ResourceCheck;
import java.util.Map;

/** The way in for a definition: validate it as AWS does, then build the model. */
public final class Definitions {

  private Definitions() {}

  /**
   * Validates and parses definition text.
   *
   * @throws DefinitionException naming the first error, when the definition is invalid
   */
  public static StateMachine load(String definition, ResourceCheck resources) {
    Object json = Json.parse(definition);
    if (!(json instanceof Map<?, ?>)) {
      throw new DefinitionException(
          "", "Expected the definition to be a JSON object, but found " + Json.typeName(json));
    }
    return load(castMap(json), resources);
  }

  /** Validates and parses a definition already read as JSON. */
  public static StateMachine load(Map<String, Object> definition, ResourceCheck resources) {
    DefinitionValidator.requireValid(definition, resources);
    return StateMachineParser.parse(definition);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object json) {
    return (Map<String, Object>) json;
  }
}
