package io.stepflow.asl.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonPathProcessorTest {

  private static final Map<String, Object> CONTEXT =
      Map.of("Execution", Map.of("Name", "exec-1"), "State", Map.of("Name", "S"));

  private static Scope scope(String inputJson) {
    return new Scope(Json.parse(inputJson), CONTEXT, Map.of("answer", 42, "obj", Map.of("k", "v")));
  }

  @Test
  void shouldRepeatIntrinsicRandomValuesWhenTheScopesGeneratorHasTheSameSeed() {
    // given a template that draws a UUID and a number, and scopes on generators seeded alike
    Object template =
        Json.parse("{\"id.$\":\"States.UUID()\",\"n.$\":\"States.MathRandom(0, 1000000000)\"}");
    Scope seeded = new Scope(Map.of(), CONTEXT, null, new SplittableRandom(5));
    Scope seededAlike = new Scope(Map.of(), CONTEXT, null, new SplittableRandom(5));

    // when the template is evaluated in each, the second time over another input
    Object first = JsonPathProcessor.payloadTemplate(template, seeded, "Parameters");
    Object again =
        JsonPathProcessor.payloadTemplate(template, seededAlike.withInput(List.of()), "Parameters");

    // then both drew the same values
    assertThat(again).isEqualTo(first);
  }

  @Test
  void shouldGiveAnEmptyObjectWhenInputPathIsJsonNull() {
    // given an InputPath that was JSON null
    // when it is applied
    Object effective = JsonPathProcessor.inputPath(null, scope("{\"a\":1}"));

    // then the effective input is {}
    assertThat(effective).isEqualTo(Map.of());
  }

  @Test
  void shouldSelectFromInputContextAndVariablesWhenInputPathNamesThem() {
    // given a scope with input, context object and variables
    Scope scope = scope("{\"a\":{\"b\":[1,2,3]}}");

    // when paths into each are applied / then each reads its own root
    assertThat(JsonPathProcessor.inputPath("$.a.b[1]", scope)).isEqualTo(2);
    assertThat(JsonPathProcessor.inputPath("$$.Execution.Name", scope)).isEqualTo("exec-1");
    assertThat(JsonPathProcessor.inputPath("$answer", scope)).isEqualTo(42);
    assertThat(JsonPathProcessor.inputPath("$obj.k", scope)).isEqualTo("v");
  }

  @Test
  void shouldRaiseRuntimeErrorWithJaywayReasonWhenInputPathMatchesNothing() {
    // given an input without the field
    Scope scope = scope("{\"int-literal\":0}");

    // when / then the cause is AWS's text
    assertThatThrownBy(() -> JsonPathProcessor.inputPath("$.NoSuchInputPath", scope))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.cause())
                  .isEqualTo(
                      "Invalid path '$.NoSuchInputPath' : No results for path:"
                          + " $['NoSuchInputPath']");
            });
  }

  @Test
  void shouldNameTheMissingPropertyWhenOutputPathGoesThroughAMissingObject() {
    assertThatThrownBy(
            () -> JsonPathProcessor.outputPath("$.no.such.result.path", Map.of(), scope("{}")))
        .isInstanceOfSatisfying(
            StatesError.class,
            e ->
                assertThat(e.cause())
                    .isEqualTo(
                        "Invalid path '$.no.such.result.path' : Missing property in path $['no']"));
  }

  @Test
  void shouldGiveAnEmptyListWhenASliceOrWildcardFindsNothing() {
    // given an input without the array
    Scope scope = scope("{}");

    // when indefinite paths are read / then they give []
    assertThat(JsonPathProcessor.inputPath("$.items[*].value", scope)).isEqualTo(List.of());
    assertThat(JsonPathProcessor.inputPath("$.items[1:5]", scope)).isEqualTo(List.of());
  }

  @Test
  void shouldFilterWithJaywaySemanticsWhenPathHasAFilter() {
    Object out =
        JsonPathProcessor.inputPath(
            "$.users[?(@.status == 0)]",
            scope("{\"users\":[{\"y\":1997,\"status\":0},{\"y\":1998,\"status\":1}]}"));

    assertThat(Json.write(out)).isEqualTo("[{\"y\":1997,\"status\":0}]");
  }

  @Test
  void shouldKeepBackslashesAsAwsDoesWhenABracketPropertyHasEscapes() {
    // given a key holding a backslash and quotes
    Scope scope = scope("{\"Test\\\\\\\"\\\"Name\\\"\":\"found\"}");

    // when the AWS-style escaped bracket path reads it
    Object out = JsonPathProcessor.inputPath("$['Test\\\"\"Name\"']", scope);

    // then the key is found
    assertThat(out).isEqualTo("found");
  }

  @Test
  void shouldEvaluatePathsAndCopyConstantsWhenApplyingAPayloadTemplate() {
    // given a template with paths, nested objects, lists and constants
    Object template =
        Json.parse(
            "{\"a.$\":\"$.x\",\"ctx.$\":\"$$.State.Name\",\"v.$\":\"$answer\","
                + "\"nested\":{\"b.$\":\"$.x\",\"list\":[{\"c.$\":\"$.x\"},\"$.x\"]},"
                + "\"constant\":\"$.not.evaluated\"}");

    // when it is evaluated
    Object out = JsonPathProcessor.payloadTemplate(template, scope("{\"x\":7}"), "Parameters");

    // then .$ keys are replaced by their values and constants stay
    assertThat(Json.write(out))
        .isEqualTo(
            "{\"a\":7,\"ctx\":\"S\",\"v\":42,\"nested\":{\"b\":7,\"list\":[{\"c\":7},\"$.x\"]},"
                + "\"constant\":\"$.not.evaluated\"}");
  }

  @Test
  void shouldRaiseRuntimeErrorNamingFieldAndInputWhenATemplatePathMatchesNothing() {
    assertThatThrownBy(
            () ->
                JsonPathProcessor.payloadTemplate(
                    Map.of("value.$", "$.no_such_jsonpath"),
                    scope("{\"int-literal\":0}"),
                    "Parameters"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.cause())
                  .isEqualTo(
                      "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could"
                          + " not be found in the input '{\"int-literal\":0}'");
            });
  }

  @Test
  void shouldKeepTheInputWhenResultPathIsNull() {
    Object input = Json.parse("{\"a\":1}");

    assertThat(JsonPathProcessor.resultPath(input, null, "ignored")).isSameAs(input);
  }

  @Test
  void shouldReplaceTheInputWhenResultPathIsRoot() {
    assertThat(JsonPathProcessor.resultPath(Map.of("a", 1), "$", "r")).isEqualTo("r");
  }

  @Test
  void shouldCreateMissingObjectsWithoutChangingTheInputWhenResultPathIsNested() {
    // given an input
    Object input = Json.parse("{\"a\":{\"keep\":true}}");

    // when the result is placed deep inside
    Object out = JsonPathProcessor.resultPath(input, "$.a.b['c d']", 5);

    // then objects are created and the original is untouched
    assertThat(Json.write(out)).isEqualTo("{\"a\":{\"keep\":true,\"b\":{\"c d\":5}}}");
    assertThat(Json.write(input)).isEqualTo("{\"a\":{\"keep\":true}}");
  }

  @Test
  void shouldRaiseResultPathMatchFailureWhenResultPathTargetsAString() {
    // given an input whose field is a string
    Object input = Json.parse("{\"a\":\"text\"}");

    // when / then the result cannot go below the string
    assertThatThrownBy(() -> JsonPathProcessor.resultPath(input, "$.a.b", 1))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
              assertThat(e.cause())
                  .isEqualTo("Unable to apply ReferencePath $.a.b to input {\"a\":\"text\"}");
            });
  }

  @Test
  void shouldRaiseResultPathMatchFailureWhenTheInputIsNotAnObject() {
    assertThatThrownBy(() -> JsonPathProcessor.resultPath("abc", "$.x", 1))
        .isInstanceOfSatisfying(
            StatesError.class,
            e ->
                assertThat(e.cause())
                    .isEqualTo("Unable to apply ReferencePath $.x to input \"abc\""));
  }
}
