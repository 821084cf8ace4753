package io.stepflow.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the executions recorded against AWS whose definitions use JSONata and hold only Pass,
 * Succeed, Fail and Choice states, with a tiny walker that lives in this test (the real engine is
 * elsewhere), and compares output, error and cause with what AWS returned.
 */
class JsonataRecordedCasesTest {

  private static final Path PACK = Path.of("/work/shared/conformance/aws-recorded");
  private static final Set<String> WALKABLE = Set.of("Pass", "Succeed", "Fail", "Choice");
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger RUN = new AtomicInteger();
  private static final Map<String, String> FAILURES = new TreeMap<>();

  @TestFactory
  Stream<DynamicTest> shouldMatchAwsWhenReplayingRecordedJsonataExecutions() throws IOException {
    Path index = PACK.resolve("cases_index.json");
    Assumptions.assumeTrue(Files.exists(index), "the recorded cases are not present: " + index);
    List<DynamicTest> tests = new ArrayList<>();
    for (Object row : (List<?>) Json.parse(Files.readString(index))) {
      Map<?, ?> entry = (Map<?, ?>) row;
      List<?> features = (List<?>) entry.get("features");
      boolean jsonata = features.contains("jsonata") || features.contains("jsonata-io");
      if (!jsonata || !"a".equals(entry.get("class")) || !"execution".equals(entry.get("kind"))) {
        continue;
      }
      Path file = PACK.resolve((String) entry.get("file"));
      Map<?, ?> recorded = (Map<?, ?>) Json.parse(Files.readString(file));
      Object template = recorded.get("template");
      if (template instanceof String text) {
        template = Json.parse(text);
      }
      if (!onlyWalkableStates((Map<?, ?>) template)) {
        continue;
      }
      Map<?, ?> definition = (Map<?, ?>) template;
      String name = file.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name, () -> replay(name, definition, recorded)));
    }
    return tests.stream();
  }

  @AfterAll
  static void report() {
    System.out.printf("JSONata recorded cases: %d of %d passed%n", PASSED.get(), RUN.get());
    FAILURES.forEach((name, why) -> System.out.println("  FAILED " + name + ": " + why));
  }

  private static void replay(String name, Map<?, ?> definition, Map<?, ?> recorded) {
    RUN.incrementAndGet();
    // given the recorded definition, input and AWS's answer
    Map<?, ?> expected = (Map<?, ?>) recorded.get("expected");
    Object input = recorded.get("input");

    // when the walker runs it
    Outcome actual = new Walker(definition).run(input);

    // then status, output, error and cause are what AWS returned
    try {
      assertThat(actual.status()).as("status").isEqualTo(expected.get("status"));
      if ("SUCCEEDED".equals(expected.get("status"))) {
        assertThat(Json.jsonEquals(actual.output(), expected.get("output")))
            .as(
                "output: expected %s but found %s",
                Json.write(expected.get("output")), Json.write(actual.output()))
            .isTrue();
      } else {
        assertThat(actual.error()).as("error").isEqualTo(expected.get("error"));
        assertThat(actual.cause()).as("cause").isEqualTo(expected.get("cause"));
      }
      PASSED.incrementAndGet();
    } catch (AssertionError e) {
      FAILURES.put(name, e.getMessage().replace('\n', ' '));
      throw e;
    }
  }

  private static boolean onlyWalkableStates(Map<?, ?> definition) {
    Map<?, ?> states = (Map<?, ?>) definition.get("States");
    return states != null
        && states.values().stream().allMatch(s -> WALKABLE.contains(((Map<?, ?>) s).get("Type")));
  }

  record Outcome(String status, Object output, String error, String cause) {}

  /** Runs Pass, Succeed, Fail and Choice states, in JSONata or (minimally) JSONPath. */
  static final class Walker {
    private final Map<?, ?> definition;
    private final Map<String, Object> variables = new LinkedHashMap<>();

    Walker(Map<?, ?> definition) {
      this.definition = definition;
    }

    Outcome run(Object executionInput) {
      Map<?, ?> states = (Map<?, ?>) definition.get("States");
      String current = (String) definition.get("StartAt");
      Object input = executionInput;
      int eventId = 2;
      while (true) {
        Map<?, ?> state = (Map<?, ?>) states.get(current);
        boolean jsonata =
            "JSONata"
                .equals(
                    state.containsKey("QueryLanguage")
                        ? state.get("QueryLanguage")
                        : definition.get("QueryLanguage"));
        Step step;
        try {
          step =
              jsonata
                  ? jsonataStep(current, state, input, executionInput)
                  : jsonPathStep(state, input);
        } catch (StatesError e) {
          String prefix =
              "An error occurred while executing the state '"
                  + current
                  + "' (entered at the event id #"
                  + eventId
                  + "). ";
          return new Outcome("FAILED", null, e.error(), prefix + e.cause());
        }
        if (step.failure() != null) {
          return step.failure();
        }
        if (step.next() == null) {
          return new Outcome("SUCCEEDED", step.output(), null, null);
        }
        current = step.next();
        input = step.output();
        eventId += 2;
      }
    }

    record Step(Object output, String next, Outcome failure) {}

    @SuppressWarnings("unchecked")
    private Step jsonataStep(String name, Map<?, ?> state, Object input, Object executionInput) {
      JsonataScope scope = JsonataScope.of(input, context(name, executionInput), variables);
      String type = (String) state.get("Type");
      switch (type) {
        case "Fail" -> {
          Object error = field(state, "Error", scope);
          Object cause = field(state, "Cause", scope);
          return new Step(null, null, new Outcome("FAILED", null, (String) error, (String) cause));
        }
        case "Succeed" -> {
          return new Step(outputOf(state, scope, input), null, null);
        }
        case "Pass" -> {
          Object output = outputOf(state, scope, input);
          assign(state, scope);
          return new Step(output, next(state), null);
        }
        case "Choice" -> {
          for (Object rule : (List<?>) state.get("Choices")) {
            Map<?, ?> choice = (Map<?, ?>) rule;
            Object matched =
                JsonataEvaluator.evaluateTemplate(choice.get("Condition"), scope, "Condition");
            if (Boolean.TRUE.equals(matched)) {
              Object output = outputOf(choice, scope, input);
              assign(choice, scope);
              return new Step(output, (String) choice.get("Next"), null);
            }
          }
          if (!state.containsKey("Default")) {
            return new Step(
                null, null, new Outcome("FAILED", null, "States.NoChoiceMatched", "No Matches!"));
          }
          Object output = outputOf(state, scope, input);
          assign(state, scope);
          return new Step(output, (String) state.get("Default"), null);
        }
        default -> throw new IllegalStateException("Expected a walkable state, but found " + type);
      }
    }

    private static Object field(Map<?, ?> state, String field, JsonataScope scope) {
      return state.containsKey(field)
          ? JsonataEvaluator.evaluateTemplate(state.get(field), scope, field)
          : null;
    }

    private static Object outputOf(Map<?, ?> state, JsonataScope scope, Object input) {
      return state.containsKey("Output")
          ? JsonataEvaluator.evaluateTemplate(state.get("Output"), scope, "Output")
          : input;
    }

    @SuppressWarnings("unchecked")
    private void assign(Map<?, ?> state, JsonataScope scope) {
      if (state.containsKey("Assign")) {
        Map<String, Object> values =
            (Map<String, Object>)
                JsonataEvaluator.evaluateTemplate(state.get("Assign"), scope, "Assign");
        variables.putAll(values);
      }
    }

    private static String next(Map<?, ?> state) {
      return Boolean.TRUE.equals(state.get("End")) ? null : (String) state.get("Next");
    }

    /** Just enough JSONPath for the mixed-language cases: "$", "$.a.b", "$var" and literals. */
    @SuppressWarnings("unchecked")
    private Step jsonPathStep(Map<?, ?> state, Object input) {
      String type = (String) state.get("Type");
      if ("Fail".equals(type)) {
        return new Step(
            null,
            null,
            new Outcome("FAILED", null, (String) state.get("Error"), (String) state.get("Cause")));
      }
      Object effective = input;
      if (state.containsKey("Parameters")) {
        effective = payload(state.get("Parameters"), input);
      }
      Object output = state.containsKey("Result") ? Json.deepCopy(state.get("Result")) : effective;
      if (state.containsKey("Assign")) {
        Map<String, Object> assigned = (Map<String, Object>) payload(state.get("Assign"), input);
        variables.putAll(assigned);
      }
      if (state.containsKey("ResultPath")) {
        String[] keys = ((String) state.get("ResultPath")).substring(1).split("\\.");
        Map<String, Object> root = (Map<String, Object>) Json.deepCopy(input);
        Map<String, Object> at = root;
        for (int i = 1; i < keys.length - 1; i++) {
          at = (Map<String, Object>) at.computeIfAbsent(keys[i], k -> new LinkedHashMap<>());
        }
        at.put(keys[keys.length - 1], output);
        output = root;
      }
      return new Step(output, "Succeed".equals(type) ? null : next(state), null);
    }

    private Object payload(Object template, Object input) {
      if (template instanceof Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach(
            (k, v) -> {
              String key = (String) k;
              if (key.endsWith(".$")) {
                out.put(key.substring(0, key.length() - 2), path((String) v, input));
              } else {
                out.put(key, payload(v, input));
              }
            });
        return out;
      }
      return Json.deepCopy(template);
    }

    private Object path(String path, Object input) {
      if (path.startsWith("$") && !path.startsWith("$.") && !path.equals("$")) {
        return Json.deepCopy(variables.get(path.substring(1)));
      }
      Object at = input;
      for (String key : path.equals("$") ? new String[0] : path.substring(2).split("\\.")) {
        at = ((Map<?, ?>) at).get(key);
      }
      return Json.deepCopy(at);
    }

    /** The context object, with the placeholders the recorded snapshots use for ids and times. */
    private static Map<String, Object> context(String stateName, Object executionInput) {
      Map<String, Object> execution = new LinkedHashMap<>();
      execution.put(
          "Id",
          "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>");
      execution.put("Input", Json.deepCopy(executionInput));
      execution.put("StartTime", "date");
      execution.put("Name", "<ExecArnPart_0idx>");
      execution.put("RoleArn", "snf_role_arn");
      execution.put("RedriveCount", 0);
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("Id", "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>");
      machine.put("Name", "<ArnPart_0idx>");
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("Name", stateName);
      state.put("EnteredTime", "date");
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("Execution", execution);
      context.put("StateMachine", machine);
      context.put("State", state);
      return context;
    }
  }
}
