package io.stepflow.service.execution;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.validate.DefinitionValidator;
import io.stepflow.asl.validate.Diagnostic;
import io.stepflow.asl.validate.ResourceCheck;
import io.stepflow.asl.validate.Severity;
import io.stepflow.engine.TestState;
import io.stepflow.engine.TestStateResult;
import io.stepflow.service.AwsSettings;
import io.stepflow.service.StepflowException;
import io.stepflow.service.aws.AwsAction;
import io.stepflow.service.aws.AwsRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * AWS's TestState action: runs one state of a definition (a state's or a state machine's) against
 * an input in the engine, without storing anything, and answers as AWS does. A Task without a mock
 * fails with States.Runtime: TestState here calls no connector.
 */
@Configuration(proxyBeanMethods = false)
class TestStateAwsActions {

  private static final Set<String> LEVELS = Set.of("INFO", "DEBUG", "TRACE");

  /** Inspection fields AWS returns as JSON text; the others are numbers or objects. */
  private static final Set<String> TEXT_FIELDS =
      Set.of(
          "input",
          "afterInputPath",
          "afterParameters",
          "afterArguments",
          "result",
          "afterResultSelector",
          "afterResultPath",
          "afterItemsPath",
          "afterItemSelector",
          "afterItemBatcher",
          "variables");

  @Bean
  AwsAction testState(AwsSettings aws, Clock clock, ObjectProvider<ResourceCheck> resources) {
    ResourceCheck check = resources.getIfAvailable(() -> ResourceCheck.ANY);
    return AwsAction.of(
        "TestState",
        r -> {
          String definition = r.requiredString("definition");
          // a mocked Task never reaches a connector, so its resource needs none (as on AWS)
          requireValid(definition, r.body().containsKey("mock") ? ResourceCheck.ANY : check);
          String level = r.optionalString("inspectionLevel");
          if (level != null && !LEVELS.contains(level)) {
            throw StepflowException.invalid("inspectionLevel", "INFO, DEBUG or TRACE", level);
          }
          Object input = jsonText(r, "input");
          TestState.Options options =
              TestState.Options.defaults()
                  .withClock(clock)
                  .withAccount(aws.region(), aws.accountId())
                  .withRoleArn(r.optionalString("roleArn"))
                  .withContext(jsonObject(r, "context"))
                  .withStateConfiguration(object(r, "stateConfiguration"));
          TestStateResult result;
          try {
            result =
                TestState.run(
                    definition,
                    r.optionalString("stateName"),
                    input,
                    jsonObject(r, "variables"),
                    level,
                    object(r, "mock"),
                    options);
          } catch (DefinitionException e) {
            throw invalidDefinition(e.getMessage());
          }
          return response(result);
        });
  }

  /**
   * A state machine is validated here, every error named; a single state is validated by TestState,
   * as the state machine it runs it in.
   */
  private static void requireValid(String definition, ResourceCheck check) {
    if (isSingleState(definition)) {
      return;
    }
    List<Diagnostic> errors;
    try {
      errors =
          DefinitionValidator.validateText(definition, check).stream()
              .filter(d -> d.severity() == Severity.ERROR)
              .toList();
    } catch (RuntimeException e) {
      throw invalidDefinition(e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw invalidDefinition(
          errors.stream()
              .map(d -> "'" + d.code() + ": " + d.message() + " at " + d.location() + "'")
              .collect(Collectors.joining(", ")));
    }
  }

  private static boolean isSingleState(String definition) {
    try {
      return Json.parse(definition) instanceof Map<?, ?> map
          && map.containsKey("Type")
          && !map.containsKey("States");
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static StepflowException invalidDefinition(String message) {
    return new StepflowException(
        "InvalidDefinition",
        StepflowException.Kind.INVALID,
        "Invalid State Machine Definition: " + message);
  }

  private static Map<String, Object> response(TestStateResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (result.output() != null) {
      out.put("output", Json.write(result.output()));
    }
    if (result.error() != null) {
      out.put("error", result.error());
    }
    if (result.cause() != null) {
      out.put("cause", result.cause());
    }
    if (result.inspectionData() != null) {
      Map<String, Object> inspection = new LinkedHashMap<>();
      result
          .inspectionData()
          .forEach(
              (key, value) ->
                  inspection.put(key, TEXT_FIELDS.contains(key) ? Json.write(value) : value));
      out.put("inspectionData", inspection);
    }
    if (result.nextState() != null) {
      out.put("nextState", result.nextState());
    }
    out.put("status", result.status());
    return out;
  }

  private static Object jsonText(AwsRequest r, String field) {
    String text = r.optionalString(field);
    if (text == null) {
      return null;
    }
    try {
      return Json.parse(text);
    } catch (RuntimeException e) {
      throw StepflowException.invalid(field, "JSON text", text);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonObject(AwsRequest r, String field) {
    Object value = jsonText(r, field);
    if (value != null && !(value instanceof Map<?, ?>)) {
      throw StepflowException.invalid(field, "a JSON object", r.body().get(field));
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(AwsRequest r, String field) {
    Object value = r.body().get(field);
    if (value != null && !(value instanceof Map<?, ?>)) {
      throw StepflowException.invalid(field, "an object", value);
    }
    return (Map<String, Object>) value;
  }
}
