package io.stepflow.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonataEvaluatorTest {

  private static JsonataScope scope(String inputJson) {
    return JsonataScope.of(Json.parse(inputJson), Map.of("State", Map.of("Name", "S")), Map.of());
  }

  private static StatesError failure(Runnable evaluation) {
    try {
      evaluation.run();
    } catch (StatesError e) {
      return e;
    }
    throw new AssertionError("Expected a StatesError, but the evaluation succeeded");
  }

  @Test
  void shouldRecognizeOnlyStringsWrappedExactlyInPercentBraces() {
    assertThat(JsonataEvaluator.isExpression("{% $states.input %}")).isTrue();
    assertThat(JsonataEvaluator.isExpression("{%1%}")).isTrue();
    assertThat(JsonataEvaluator.isExpression(" {% states.input %} ")).isFalse();
    assertThat(JsonataEvaluator.isExpression("$states.input")).isFalse();
    assertThat(JsonataEvaluator.isExpression("{%}")).isFalse();
    assertThat(JsonataEvaluator.isExpression(Map.of())).isFalse();
    assertThat(JsonataEvaluator.isExpression(null)).isFalse();
  }

  @Test
  void shouldEvaluateOnlyExpressionStringsWhenWalkingATemplate() {
    // given a template mixing literals, look-alikes and expressions at several depths
    Object template =
        Json.parse(
            "{\"lit\":\" {% 1 %} \",\"path\":\"$.a\",\"n\":null,\"x\":\"{% $states.input.a %}\","
                + "\"list\":[1,\"{% $states.input.a + 1 %}\",{\"k\":\"{% true %}\"}]}");

    // when it is evaluated
    Object out = JsonataEvaluator.evaluateTemplate(template, scope("{\"a\":41}"), "Output");

    // then only the expressions were replaced
    assertThat(Json.write(out))
        .isEqualTo(
            "{\"lit\":\" {% 1 %} \",\"path\":\"$.a\",\"n\":null,\"x\":41,\"list\":[1,42,{\"k\":true}]}");
  }

  @Test
  void shouldNotShareMapsWithTheTemplateOrTheInputWhenEvaluating() {
    // given a literal template and an input passed through whole
    Map<String, Object> template =
        new LinkedHashMap<>(Map.of("inner", new ArrayList<>(List.of(1))));
    JsonataScope scope = scope("{\"a\":{\"b\":1}}");

    // when both are evaluated
    Object copied = JsonataEvaluator.evaluateTemplate(template, scope, "Output");
    Object passed = JsonataEvaluator.evaluate("$states.input", scope);

    // then the results are fresh copies
    assertThat(copied).isEqualTo(template).isNotSameAs(template);
    assertThat(((Map<?, ?>) copied).get("inner")).isNotSameAs(template.get("inner"));
    assertThat(passed).isNotSameAs(scope.input());
    assertThat(((Map<?, ?>) passed).get("a")).isNotSameAs(((Map<?, ?>) scope.input()).get("a"));
  }

  @Test
  void shouldNameTheFieldPathWhenAnExpressionReturnsUndefined() {
    // given expressions that yield nothing at the top and nested in the field
    JsonataScope scope = scope("{}");

    // when they are evaluated
    StatesError top =
        failure(() -> JsonataEvaluator.evaluateTemplate("{% $doesNotExist %}", scope, "Output"));
    StatesError nested =
        failure(
            () ->
                JsonataEvaluator.evaluateTemplate(
                    Map.of("result", "{% $doesNotExist %}"), scope, "Assign"));

    // then the causes are AWS's texts (the engine adds the per-state prefix)
    assertThat(top.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(top.cause())
        .isEqualTo(
            "The JSONata expression '$doesNotExist' specified for the field 'Output' returned"
                + " nothing (undefined).");
    assertThat(nested.cause())
        .isEqualTo(
            "The JSONata expression '$doesNotExist' specified for the field 'Assign/result'"
                + " returned nothing (undefined).");
  }

  @Test
  void shouldReportTheJsonataErrorCodeWhenEvaluationThrows() {
    // given a call of a function that does not exist
    // when it is evaluated
    StatesError e =
        failure(
            () ->
                JsonataEvaluator.evaluateTemplate(
                    Map.of("FunctionResult", "{% $randomSeeded($states.input.fst) %}"),
                    scope("{}"),
                    "Output"));

    // then the cause carries the JSONata code and message as AWS writes them
    assertThat(e.cause())
        .isEqualTo(
            "The JSONata expression '$randomSeeded($states.input.fst)' specified for the field"
                + " 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to"
                + " invoke a non-function");
  }

  @Test
  void shouldRejectEvalAsAwsDoes() {
    assertThat(failure(() -> JsonataEvaluator.evaluate("$eval('1')", scope("{}"))).cause())
        .endsWith("threw an error during evaluation. T1006: Attempted to invoke a non-function");
  }

  @Test
  void shouldRequireAnArrayWhenTheFieldIsItems() {
    // given Items expressions of every other JSON type, and a function
    JsonataScope scope = scope("{}");

    // then each fails with AWS's text naming expected and found types
    assertThat(failure(() -> JsonataEvaluator.evaluateTemplate("{% 1 %}", scope, "Items")).cause())
        .isEqualTo(
            "The JSONata expression '1' specified for the field 'Items' returned an unexpected"
                + " result type. Expected 'array', but was 'number' for value: 1");
    assertThat(
            failure(() -> JsonataEvaluator.evaluateTemplate("{% 'string' %}", scope, "Items"))
                .cause())
        .endsWith("Expected 'array', but was 'string' for value: \"string\"");
    assertThat(
            failure(() -> JsonataEvaluator.evaluateTemplate("{% {'foo': 'bar'} %}", scope, "Items"))
                .cause())
        .isEqualTo(
            "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an"
                + " unexpected result type. Expected 'array', but was 'object' for value:"
                + " {\"foo\":\"bar\"}");
    assertThat(
            failure(() -> JsonataEvaluator.evaluateTemplate("{% null %}", scope, "Items")).cause())
        .endsWith("Expected 'array', but was 'null' for value: null");
    assertThat(
            failure(
                    () ->
                        JsonataEvaluator.evaluateTemplate(
                            "{% $fn := function($x){$x} %}", scope, "Items"))
                .cause())
        .isEqualTo(
            "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items'"
                + " returned an unsupported result type.");
    assertThat(JsonataEvaluator.evaluateTemplate("{% [1] %}", scope, "Items"))
        .isEqualTo(List.of(1));
  }

  @Test
  void shouldRequireABooleanWhenTheFieldIsCondition() {
    // given a Condition that yields a string
    StatesError e =
        failure(
            () ->
                JsonataEvaluator.evaluateTemplate(
                    "{% $states.input.flag %}", scope("{\"flag\":\"yes\"}"), "Condition"));

    // then it names the expected boolean and what was found
    assertThat(e.cause())
        .isEqualTo(
            "The JSONata expression '$states.input.flag' specified for the field 'Condition'"
                + " returned an unexpected result type. Expected 'boolean', but was 'string' for"
                + " value: \"yes\"");
  }

  @Test
  void shouldWriteNumbersAsAwsDoesWhenArithmeticYieldsDoubles() {
    JsonataScope scope = scope("{\"values\":[1,2,3],\"price\":1.50}");
    assertThat(JsonataEvaluator.evaluate("6 / 2", scope)).isEqualTo(3);
    assertThat(JsonataEvaluator.evaluate("$sum($states.input.values) / 2", scope)).isEqualTo(3);
    assertThat(JsonataEvaluator.evaluate("3.0", scope)).isEqualTo(3);
    assertThat(JsonataEvaluator.evaluate("1 / 4", scope)).isEqualTo(new BigDecimal("0.25"));
    assertThat(JsonataEvaluator.evaluate("0.1 + 0.2", scope))
        .isEqualTo(new BigDecimal("0.30000000000000004"));
    assertThat(JsonataEvaluator.evaluate("$states.input.price * 2", scope)).isEqualTo(3);
    assertThat(JsonataEvaluator.evaluate("2 * 3000000000", scope)).isEqualTo(6000000000L);
    assertThat(JsonataEvaluator.evaluate("-0", scope)).isEqualTo(0);
  }

  @Test
  void shouldKeepJsonNullApartFromUndefined() {
    // given an input, a variable and literals that are null
    JsonataScope scope =
        JsonataScope.of(
            Json.parse("{\"n\":null}"),
            Map.of(),
            new HashMap<>(java.util.Collections.singletonMap("v", null)));

    // then null is a value, not undefined
    assertThat(JsonataEvaluator.evaluate("null", scope)).isNull();
    assertThat(JsonataEvaluator.evaluate("$v", scope)).isNull();
    assertThat(JsonataEvaluator.evaluate("$states.input.n", scope)).isNull();
    assertThat(JsonataEvaluator.evaluate("$states.input.n = null", scope)).isEqualTo(true);
    assertThat(Json.write(JsonataEvaluator.evaluate("{'a': null, 'b': $nothing}", scope)))
        .isEqualTo("{\"a\":null}");
    assertThat(JsonataEvaluator.evaluateTemplate(null, scope, "Output")).isNull();
    assertThat(JsonataEvaluator.evaluate("$states.input", JsonataScope.of(null, Map.of(), null)))
        .isNull();
  }

  @Test
  void shouldSeeResultAndErrorOutputOnlyOnceSet() {
    // given a scope without and with a result and error output
    JsonataScope bare = scope("{}");
    JsonataScope full = bare.withResult(Map.of("r", 1)).withErrorOutput(Map.of("Error", "E"));

    // then they are undefined until set, and visible afterwards
    assertThat(failure(() -> JsonataEvaluator.evaluate("$states.result", bare)).cause())
        .endsWith("returned nothing (undefined).");
    assertThat(failure(() -> JsonataEvaluator.evaluate("$states.errorOutput", bare)).cause())
        .endsWith("returned nothing (undefined).");
    assertThat(JsonataEvaluator.evaluate("$states.result.r", full)).isEqualTo(1);
    assertThat(JsonataEvaluator.evaluate("$states.errorOutput.Error", full)).isEqualTo("E");
    assertThat(JsonataEvaluator.evaluate("$states.context.State.Name", full)).isEqualTo("S");
    assertThat(JsonataEvaluator.evaluate("$states.result", bare.withResult(null))).isNull();
  }

  @Test
  void shouldReadWorkflowVariablesByName() {
    // given variables holding a number and a list
    JsonataScope scope =
        JsonataScope.of(Map.of(), Map.of(), Map.of("total", 2, "names", List.of("a", "b")));

    // then expressions read them as $name
    assertThat(JsonataEvaluator.evaluate("$total + $count($names)", scope)).isEqualTo(4);
    assertThat(JsonataEvaluator.evaluate("$names[1]", scope)).isEqualTo("b");
  }

  @Test
  void shouldStripBlanksInsideTheDelimitersWhenQuotingTheExpression() {
    assertThat(
            failure(() -> JsonataEvaluator.evaluateTemplate("{%   $nope\n %}", scope("{}"), "X"))
                .cause())
        .startsWith("The JSONata expression '$nope' specified for the field 'X'");
  }

  @Test
  void shouldNameListElementsByIndexInTheFieldPath() {
    assertThat(
            failure(
                    () ->
                        JsonataEvaluator.evaluateTemplate(
                            List.of(1, "{% $nope %}"), scope("{}"), "Items"))
                .cause())
        .contains("for the field 'Items/1'");
  }

  @Test
  void shouldLeaveOutTheFieldWhenEvaluatingABareExpression() {
    assertThat(failure(() -> JsonataEvaluator.evaluate("$nope", scope("{}"))).cause())
        .isEqualTo("The JSONata expression '$nope' returned nothing (undefined).");
  }

  @Test
  void shouldAcceptValidExpressionsAndRejectBrokenOnesWhenValidating() {
    // given a valid and a broken expression
    JsonataEvaluator.validate("$states.input.a + 1");

    // then only the broken one is refused, saying what is wrong
    assertThatThrownBy(() -> JsonataEvaluator.validate("$states.input.a +"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("The JSONata expression '$states.input.a +' is not valid: S0207");
  }

  @Test
  void shouldReportSyntaxErrorsAsQueryEvaluationErrorsWhenEvaluating() {
    StatesError e = failure(() -> JsonataEvaluator.evaluate("(1", scope("{}")));
    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
    assertThat(e.cause()).contains("threw an error during evaluation. S0");
  }

  @Test
  void shouldGiveTheSameResultsWhenManyThreadsEvaluateAtOnce() throws Exception {
    // given many threads evaluating the same and different expressions on their own inputs
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        checks.add(
            pool.submit(
                () -> {
                  JsonataScope s = JsonataScope.of(Map.of("n", n), Map.of(), Map.of("k", n % 7));
                  Object sum = JsonataEvaluator.evaluate("$states.input.n + $k", s);
                  Object mapped =
                      JsonataEvaluator.evaluate(
                          "$map([1,2,3], function($v){$v * " + (n % 5) + "})", s);
                  return sum.equals(n + n % 7)
                      && mapped.equals(List.of(n % 5, 2 * (n % 5), 3 * (n % 5)));
                }));
      }
      // then every result is the one computed alone
      for (Future<Boolean> check : checks) {
        assertThat(check.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
