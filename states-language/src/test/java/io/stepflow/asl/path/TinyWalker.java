package io.stepflow.asl.path;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.choice.ChoiceRules;
import io.stepflow.asl.intrinsic.IntrinsicFunctions;
import io.stepflow.asl.json.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only: runs a state machine made of Pass, Choice, Succeed and Fail states in the JSONPath
 * query language, with just enough of an engine to replay recorded executions.
 */
final class TinyWalker {

  /** How an execution ended. */
  record Outcome(String status, Object output, String error, String cause) {}

  static final String START_TIME = "2024-05-06T07:08:09.123Z";
  static final String ENTERED_TIME = "2024-05-06T07:08:10.456Z";

  private static final int MAX_TRANSITIONS = 1000;

  private final Map<String, Object> states;
  private final String startAt;
  private final Object executionInput;
  private final Map<String, Object> variables = new HashMap<>();

  @SuppressWarnings("unchecked")
  TinyWalker(Map<String, Object> definition, Object executionInput) {
    this.states = (Map<String, Object>) definition.get("States");
    this.startAt = (String) definition.get("StartAt");
    this.executionInput = executionInput;
  }

  /** True when every state is Pass, Choice, Succeed or Fail, and none uses JSONata. */
  @SuppressWarnings("unchecked")
  static boolean supports(Map<String, Object> definition) {
    if ("JSONata".equals(definition.get("QueryLanguage"))
        || !(definition.get("States") instanceof Map<?, ?> states)) {
      return false;
    }
    for (Object state : states.values()) {
      Map<String, Object> s = (Map<String, Object>) state;
      if (!List.of("Pass", "Choice", "Succeed", "Fail").contains(s.get("Type"))
          || "JSONata".equals(s.get("QueryLanguage"))) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  Outcome run() {
    Object input = Json.deepCopy(executionInput);
    String name = startAt;
    for (int step = 0; step < MAX_TRANSITIONS; step++) {
      Map<String, Object> state = (Map<String, Object>) states.get(name);
      int enteredEventId = 2 + 2 * step;
      Scope scope = new Scope(input, context(name), variables);
      String type = (String) state.get("Type");
      try {
        if (type.equals("Fail")) {
          return fail(state, scope);
        }
        Transition transition =
            switch (type) {
              case "Pass" -> pass(state, scope);
              case "Choice" -> choice(state, scope);
              default -> succeed(state, scope);
            };
        if (transition.next() == null) {
          return new Outcome("SUCCEEDED", transition.output(), null, null);
        }
        input = transition.output();
        name = transition.next();
      } catch (StatesError e) {
        return new Outcome(
            "FAILED",
            null,
            e.error(),
            "An error occurred while executing the state '"
                + name
                + "' (entered at the event id #"
                + enteredEventId
                + "). "
                + e.cause());
      }
    }
    throw new IllegalStateException("Expected the execution to end, but it kept transitioning");
  }

  private record Transition(Object output, String next) {}

  private Transition pass(Map<String, Object> state, Scope scope) {
    Object effective = JsonPathProcessor.inputPath(path(state, "InputPath"), scope);
    Object result;
    if (state.containsKey("Parameters")) {
      result =
          JsonPathProcessor.payloadTemplate(
              state.get("Parameters"), scope.withInput(effective), "Parameters");
    } else if (state.containsKey("Result")) {
      result = Json.deepCopy(state.get("Result"));
    } else {
      result = effective;
    }
    Map<String, Object> assigned = assign(state.get("Assign"), scope.withInput(result));
    Object output = JsonPathProcessor.resultPath(scope.input(), path(state, "ResultPath"), result);
    output = JsonPathProcessor.outputPath(path(state, "OutputPath"), output, scope);
    variables.putAll(assigned);
    return new Transition(output, next(state));
  }

  @SuppressWarnings("unchecked")
  private Transition choice(Map<String, Object> state, Scope scope) {
    Object effective = JsonPathProcessor.inputPath(path(state, "InputPath"), scope);
    Scope inner = scope.withInput(effective);
    String next = null;
    Object assign = state.get("Assign");
    for (Object raw : (List<Object>) state.get("Choices")) {
      Map<String, Object> rule = (Map<String, Object>) raw;
      if (ChoiceRules.parse(rule).matches(inner)) {
        next = (String) rule.get("Next");
        assign = rule.get("Assign");
        break;
      }
    }
    if (next == null) {
      next = (String) state.get("Default");
      if (next == null) {
        throw new StatesError(ErrorNames.NO_CHOICE_MATCHED, "No Choice rule matched");
      }
    }
    Map<String, Object> assigned = assign(assign, inner);
    Object output = JsonPathProcessor.outputPath(path(state, "OutputPath"), effective, scope);
    variables.putAll(assigned);
    return new Transition(output, next);
  }

  private Transition succeed(Map<String, Object> state, Scope scope) {
    Object effective = JsonPathProcessor.inputPath(path(state, "InputPath"), scope);
    return new Transition(
        JsonPathProcessor.outputPath(path(state, "OutputPath"), effective, scope), null);
  }

  private Outcome fail(Map<String, Object> state, Scope scope) {
    String error = failField(state, "Error", scope);
    String cause = failField(state, "Cause", scope);
    return new Outcome("FAILED", null, error, cause);
  }

  private static String failField(Map<String, Object> state, String field, Scope scope) {
    if (state.get(field) instanceof String literal) {
      return literal;
    }
    if (!(state.get(field + "Path") instanceof String path)) {
      return null;
    }
    Object value;
    if (IntrinsicFunctions.isIntrinsic(path)) {
      value = IntrinsicFunctions.evaluate(path, scope);
    } else {
      Object absent = new Object();
      value = scope.readOrElse(path, absent);
      if (value == absent) {
        throw new StatesError(
            ErrorNames.RUNTIME,
            "The JSONPath '"
                + path
                + "' specified for the field '"
                + field
                + "Path' could not be found in the input '"
                + Json.write(scope.input())
                + "'");
      }
    }
    return value instanceof String text ? text : Json.write(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> assign(Object template, Scope scope) {
    if (template == null) {
      return Map.of();
    }
    return (Map<String, Object>) JsonPathProcessor.payloadTemplate(template, scope, "Assign");
  }

  private static String next(Map<String, Object> state) {
    return Boolean.TRUE.equals(state.get("End")) ? null : (String) state.get("Next");
  }

  /** "$" when the field is absent, null when it is JSON null, else its text. */
  private static String path(Map<String, Object> state, String field) {
    return state.containsKey(field) ? (String) state.get(field) : "$";
  }

  private Map<String, Object> context(String stateName) {
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put(
        "Id",
        "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>");
    execution.put("Input", Json.deepCopy(executionInput));
    execution.put("StartTime", START_TIME);
    execution.put("Name", "<ExecArnPart_0idx>");
    execution.put("RoleArn", "snf_role_arn");
    execution.put("RedriveCount", 0);
    Map<String, Object> stateMachine = new LinkedHashMap<>();
    stateMachine.put(
        "Id", "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>");
    stateMachine.put("Name", "<ArnPart_0idx>");
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Name", stateName);
    state.put("EnteredTime", ENTERED_TIME);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("Execution", execution);
    context.put("StateMachine", stateMachine);
    context.put("State", state);
    return context;
  }
}
