package io.stepflow.asl.validate;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a state machine definition as AWS's ValidateStateMachineDefinition does, on the raw
 * JSON tree and before any model is built from it.
 *
 * <p>Codes are AWS's where AWS has one: {@code SCHEMA_VALIDATION_FAILED} (missing, unknown or
 * ill-typed fields and fields that exclude each other), {@code MISSING_TRANSITION_TARGET}, {@code
 * MISSING_END_STATE}, {@code DUPLICATE_STATE_NAME}, {@code INVALID_STATE_NAME}, {@code
 * INVALID_RESOURCE}, {@code INVALID_JSON_DESCRIPTION}, {@code MISSING_DESCRIPTION} and the warnings
 * {@code NO_DOLLAR} and {@code PASS_RESULT_IS_STATIC}. Stepflow's own: {@code INVALID_JSONPATH},
 * {@code INVALID_INTRINSIC_FUNCTION}, {@code INVALID_JSONATA}, {@code INVALID_QUERY_LANGUAGE},
 * {@code INVALID_CHOICE_RULE}, {@code INVALID_RETRIER}, {@code INVALID_ERROR_EQUALS} and the
 * warning {@code UNREACHABLE_STATE}.
 */
public final class DefinitionValidator {

  private DefinitionValidator() {}

  /** Validates a definition, accepting every Task Resource. */
  public static List<Diagnostic> validate(Map<String, Object> definition) {
    return validate(definition, ResourceCheck.ANY);
  }

  /**
   * Validates a definition.
   *
   * @param definition the parsed JSON object, as {@link Json#parse} returns it
   * @param resources decides whether each Task state's Resource can be called
   * @return every problem found, errors and warnings, in the order found; empty when valid
   */
  public static List<Diagnostic> validate(Map<String, Object> definition, ResourceCheck resources) {
    Objects.requireNonNull(resources, "resources");
    Report report = new Report();
    if (definition == null || definition.isEmpty()) {
      report.error(
          Codes.MISSING_DESCRIPTION,
          "",
          "Expected a state machine definition, but found "
              + (definition == null ? "none" : "an empty object"));
      return report.diagnostics();
    }
    Object language = definition.get("QueryLanguage");
    if (definition.containsKey("QueryLanguage")
        && !StateRules.JSONPATH.equals(language)
        && !StateRules.JSONATA.equals(language)) {
      report.error(
          Codes.SCHEMA_VALIDATION_FAILED,
          "/QueryLanguage",
          "Expected QueryLanguage to be \"JSONPath\" or \"JSONata\", but found "
              + Values.describe(language));
    }
    Scope scope = new Scope(report, resources, StateRules.JSONATA.equals(language));
    MachineRules.checkTop(definition, scope);
    return report.diagnostics();
  }

  /**
   * Validates definition text: {@code INVALID_JSON_DESCRIPTION} when it is not a JSON object, else
   * as {@link #validate(Map, ResourceCheck)}.
   */
  public static List<Diagnostic> validateText(String text, ResourceCheck resources) {
    if (text == null || text.isBlank()) {
      return validate(null, resources);
    }
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (Json.InvalidJsonException e) {
      return List.of(
          new Diagnostic(Severity.ERROR, Codes.INVALID_JSON_DESCRIPTION, "", e.getMessage()));
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      return List.of(
          new Diagnostic(
              Severity.ERROR,
              Codes.INVALID_JSON_DESCRIPTION,
              "",
              "Expected a JSON object, but found " + Values.describe(parsed)));
    }
    return validate(Values.asObject(map), resources);
  }

  /** Throws when the definition has errors; warnings are allowed. */
  public static void requireValid(Map<String, Object> definition) {
    requireValid(definition, ResourceCheck.ANY);
  }

  /**
   * Throws when the definition has errors; warnings are allowed.
   *
   * @throws DefinitionException naming the first error, its location, and how many others there are
   */
  public static void requireValid(Map<String, Object> definition, ResourceCheck resources) {
    List<Diagnostic> errors =
        validate(definition, resources).stream()
            .filter(d -> d.severity() == Severity.ERROR)
            .toList();
    if (errors.isEmpty()) {
      return;
    }
    Diagnostic first = errors.get(0);
    int others = errors.size() - 1;
    String more =
        others == 0 ? "" : " (and " + others + " other error" + (others == 1 ? "" : "s") + ")";
    throw new DefinitionException(first.location(), first.code() + ": " + first.message() + more);
  }
}
