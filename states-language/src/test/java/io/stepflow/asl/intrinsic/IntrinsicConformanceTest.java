package io.stepflow.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Replays the AWS-recorded executions that use intrinsic functions with this package alone: the
 * states of the template (Pass and Fail only) are run by a tiny interpreter here, every {@code
 * "key.$": "States.X(...)"} goes through {@link IntrinsicFunctions}, and the output (or error and
 * cause) is compared with what AWS returned. Cases that need more than that are skipped.
 */
class IntrinsicConformanceTest {

  private static final Path CASES = Path.of("/work/shared/conformance/aws-recorded/cases");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final String MACHINE = "<ArnPart_0idx>";
  private static final String EXECUTION = "<ExecArnPart_0idx>";

  @TestFactory
  Stream<DynamicTest> shouldReturnWhatAwsReturnedWhenReplayingRecordedIntrinsicCases()
      throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CASES), "The recorded cases are not at " + CASES);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CASES)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      Map<String, Object> testCase = asMap(Json.parse(Files.readString(file)));
      boolean inFolder = file.getParent().getFileName().toString().equals("intrinsic_functions");
      Object intrinsics = testCase.get("intrinsics");
      boolean listed = intrinsics instanceof List<?> l && !l.isEmpty();
      if (inFolder || listed) {
        String name = CASES.relativize(file).toString();
        tests.add(DynamicTest.dynamicTest(name, () -> replay(testCase)));
      }
    }
    return tests.stream();
  }

  @Test
  void shouldAcceptEveryRecordedCallWhenValidatingDefinitions() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CASES), "The recorded cases are not at " + CASES);
    // given every intrinsic call in a field that evaluates it, across all recorded templates
    List<String> calls = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(CASES)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".json")).toList()) {
        collectCalls(asMap(Json.parse(Files.readString(file))).get("template"), calls);
      }
    }
    assertThat(calls).as("recorded intrinsic calls").isNotEmpty();

    // when each is validated / then none is rejected (AWS ran them all)
    List<String> rejected = new ArrayList<>();
    for (String call : calls) {
      try {
        IntrinsicFunctions.validate(call);
      } catch (DefinitionException e) {
        rejected.add(call + " -> " + e.getMessage());
      }
    }
    assertThat(rejected).as("calls rejected out of %d", calls.size()).isEmpty();
  }

  private static void collectCalls(Object node, List<String> calls) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        boolean evaluated = key.endsWith(".$") || key.endsWith("Path");
        if (evaluated
            && e.getValue() instanceof String text
            && IntrinsicFunctions.isIntrinsic(text)) {
          calls.add(text);
        } else {
          collectCalls(e.getValue(), calls);
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectCalls(item, calls));
    }
  }

  private static void replay(Map<String, Object> testCase) {
    Map<String, Object> template = asMap(testCase.get("template"));
    Object input = testCase.get("input");
    Map<String, Object> expected = asMap(testCase.get("expected"));
    if ("JSONata".equals(template.get("QueryLanguage"))) {
      throw new TestAbortedException("JSONata, no intrinsic functions");
    }
    Outcome actual = run(template, input);
    String status = (String) expected.get("status");
    if ("FAILED".equals(status)) {
      assertThat(actual.error)
          .as("Expected the execution to fail, but it succeeded with %s", Json.write(actual.output))
          .isNotNull();
      assertThat(actual.error.error()).as("error").isEqualTo(expected.get("error"));
      assertThat(actual.error.cause()).as("cause").isEqualTo(expected.get("cause"));
      return;
    }
    if (actual.error != null) {
      fail(
          "Expected "
              + status
              + " with "
              + Json.write(expected.get("output"))
              + ", but found "
              + actual.error.getMessage());
    }
    Object output = applyTransformers(testCase, actual.output);
    Object wanted = expected.get("output");
    assertThat(matches(wanted, output))
        .as("Expected output %s, but found %s", Json.write(wanted), Json.write(output))
        .isTrue();
  }

  // ---- A tiny interpreter for Pass and Fail states -------------------------------------------

  private record Outcome(Object output, StatesError error) {}

  private static Outcome run(Map<String, Object> template, Object input) {
    Map<String, Object> states = asMap(template.get("States"));
    Map<String, Object> variables = new HashMap<>();
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put(
        "Id",
        "arn:<partition>:states:<region>:111111111111:execution:" + MACHINE + ":" + EXECUTION);
    execution.put("Input", input);
    execution.put("Name", EXECUTION);
    execution.put("RoleArn", "snf_role_arn");
    execution.put("StartTime", "date");
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("Id", "arn:<partition>:states:<region>:111111111111:stateMachine:" + MACHINE);
    machine.put("Name", MACHINE);
    SplittableRandom random = new SplittableRandom(7);
    String name = (String) template.get("StartAt");
    Object data = input;
    while (true) {
      Map<String, Object> state = asMap(states.get(name));
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("Execution", execution);
      context.put("StateMachine", machine);
      context.put("State", Map.of("Name", name, "EnteredTime", "date"));
      String type = (String) state.get("Type");
      try {
        switch (type) {
          case "Pass" -> data = pass(state, data, context, variables, random);
          case "Fail" -> {
            TestPathReader reader = new TestPathReader(data, context, variables);
            String error = (String) fieldOrPath(state, "Error", reader, random);
            String cause = (String) fieldOrPath(state, "Cause", reader, random);
            return new Outcome(null, new StatesError(error, cause));
          }
          case "Succeed" -> {
            return new Outcome(data, null);
          }
          default -> throw new TestAbortedException("Needs a " + type + " state");
        }
      } catch (StatesError e) {
        return new Outcome(null, e);
      }
      if (Boolean.TRUE.equals(state.get("End"))) {
        return new Outcome(data, null);
      }
      name = (String) state.get("Next");
    }
  }

  private static Object fieldOrPath(
      Map<String, Object> state, String field, TestPathReader reader, SplittableRandom random) {
    if (state.containsKey(field)) {
      return state.get(field);
    }
    Object path = state.get(field + "Path");
    return path == null ? null : valueOf((String) path, reader, random);
  }

  private static Object pass(
      Map<String, Object> state,
      Object input,
      Map<String, Object> context,
      Map<String, Object> variables,
      SplittableRandom random) {
    for (String unsupported : List.of("InputPath", "QueryLanguage")) {
      if (state.containsKey(unsupported)) {
        throw new TestAbortedException("Needs " + unsupported);
      }
    }
    Object result;
    if (state.containsKey("Result")) {
      result = Json.deepCopy(state.get("Result"));
    } else if (state.containsKey("Parameters")) {
      result =
          template(state.get("Parameters"), new TestPathReader(input, context, variables), random);
    } else {
      result = input;
    }
    if (state.containsKey("Assign")) {
      Object assigned =
          template(state.get("Assign"), new TestPathReader(result, context, variables), random);
      variables.putAll(asMap(assigned));
    }
    Object output = placeResult(input, result, state);
    if (state.get("OutputPath") instanceof String outputPath) {
      output = Json.deepCopy(TestPathReader.over(output).read(outputPath));
    }
    return output;
  }

  /**
   * ResultPath: absent or {@code $} replaces the input, null keeps it, {@code $.a.b} sets a field.
   */
  private static Object placeResult(Object input, Object result, Map<String, Object> state) {
    if (!state.containsKey("ResultPath")) {
      return result;
    }
    Object resultPath = state.get("ResultPath");
    if (resultPath == null) {
      return input;
    }
    String path = (String) resultPath;
    if (path.equals("$")) {
      return result;
    }
    if (!path.matches("\\$(\\.\\w+)+")) {
      throw new TestAbortedException("Needs ResultPath " + path);
    }
    Object output = Json.deepCopy(input);
    String[] keys = path.substring(2).split("\\.");
    Map<String, Object> node = asMap(output);
    for (int i = 0; i < keys.length - 1; i++) {
      node = asMap(node.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>()));
    }
    node.put(keys[keys.length - 1], result);
    return output;
  }

  /** Evaluates a payload template: keys ending in {@code .$} take a path or a function call. */
  private static Object template(Object value, TestPathReader reader, SplittableRandom random) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = (String) e.getKey();
        if (key.endsWith(".$") && e.getValue() instanceof String text) {
          out.put(key.substring(0, key.length() - 2), valueOf(text, reader, random));
        } else {
          out.put(key, template(e.getValue(), reader, random));
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(template(item, reader, random));
      }
      return out;
    }
    return value;
  }

  private static Object valueOf(String text, TestPathReader reader, SplittableRandom random) {
    if (IntrinsicFunctions.isIntrinsic(text)) {
      return IntrinsicFunctions.evaluate(text, reader, random);
    }
    return Json.deepCopy(reader.read(text));
  }

  // ---- Comparing as the snapshot library did -------------------------------------------------

  /** Applies the recorded {@code jsonpath} replacements that hit the execution's output. */
  private static Object applyTransformers(Map<String, Object> testCase, Object output) {
    Object transformers = testCase.get("snapshot_transformers");
    if (!(transformers instanceof List<?> list) || !(output instanceof Map<?, ?>)) {
      return output;
    }
    for (Object t : list) {
      Map<String, Object> transformer = asMap(t);
      if (!"jsonpath".equals(transformer.get("type"))) {
        continue;
      }
      String path = (String) transformer.get("jsonpath");
      int at = path.indexOf(".output.");
      if (at < 0 || !path.contains("executionSucceededEventDetails")) {
        continue;
      }
      String[] keys = path.substring(at + ".output.".length()).split("\\.");
      Object node = output;
      for (int i = 0; i < keys.length - 1 && node instanceof Map<?, ?>; i++) {
        node = ((Map<?, ?>) node).get(keys[i]);
      }
      if (node instanceof Map<?, ?> target && target.containsKey(keys[keys.length - 1])) {
        asMap(target).put(keys[keys.length - 1], transformer.get("replacement"));
      }
    }
    return output;
  }

  /** JSON equality where {@code <uuid:N>} and {@code generated-uuid} stand for any UUID. */
  private static boolean matches(Object expected, Object actual) {
    if (expected instanceof String s && (s.equals("generated-uuid") || s.matches("<uuid:\\d+>"))) {
      return actual instanceof String a && UUID_TEXT.matcher(a).matches();
    }
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      if (e.size() != a.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        if (!a.containsKey(entry.getKey()) || !matches(entry.getValue(), a.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof List<?> e && actual instanceof List<?> a) {
      if (e.size() != a.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        if (!matches(e.get(i), a.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Json.jsonEquals(expected, actual);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
