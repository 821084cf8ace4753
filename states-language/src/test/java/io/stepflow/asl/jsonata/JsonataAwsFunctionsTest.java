package io.stepflow.asl.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonataAwsFunctionsTest {

  private static final JsonataScope EMPTY = JsonataScope.of(Map.of(), Map.of(), Map.of());

  private static Object eval(String expression) {
    return JsonataEvaluator.evaluate(expression, EMPTY);
  }

  private static String causeOf(String expression) {
    try {
      eval(expression);
    } catch (StatesError e) {
      return e.cause();
    }
    throw new AssertionError("Expected '" + expression + "' to fail, but it succeeded");
  }

  @Test
  void shouldSplitIntoChunksWhenPartitioning() {
    assertThat(Json.write(eval("$partition([1,2,3,4,5], 2)"))).isEqualTo("[[1,2],[3,4],[5]]");
    assertThat(Json.write(eval("$partition([0], 1)"))).isEqualTo("[[0]]");
    assertThat(Json.write(eval("$partition([0,1,2], 5)"))).isEqualTo("[[0,1,2]]");
    assertThat(Json.write(eval("$partition([], 3)"))).isEqualTo("[]");
    assertThat(causeOf("$partition([1], 0)"))
        .endsWith("$partition expects a positive chunk size, but found: 0");
    assertThat(causeOf("$partition('abc', 2)"))
        .endsWith("$partition expects an array as its first argument, but found: \"abc\"");
  }

  @Test
  void shouldCountInStepsAndCollapseASingleNumberWhenRanging() {
    // given ranges like the recorded AWS executions
    // then a one-number range is that number, as AWS returns it
    assertThat(eval("$range(0, 9, 3)")).isEqualTo(List.of(0, 3, 6, 9));
    assertThat(eval("$range(0, 10, 3)")).isEqualTo(List.of(0, 3, 6, 9));
    assertThat(eval("$range(1, 9, 9)")).isEqualTo(1);
    assertThat(eval("$range(1, 9, 2)")).isEqualTo(List.of(1, 3, 5, 7, 9));
    assertThat(eval("$range(3, 1, -1)")).isEqualTo(List.of(3, 2, 1));
    assertThat(causeOf("$range(1, 2, 0)"))
        .endsWith("$range expects a step other than 0, but found: 0");
    assertThat(causeOf("$range(1.5, 2, 1)"))
        .endsWith("$range expects an integer start, but found: 1.5");
  }

  @Test
  void shouldGiveLowercaseHexWhenHashing() {
    assertThat(eval("$hash('input data', 'MD5')")).isEqualTo("812f45842bc6d66ee14572ce20db8e86");
    assertThat(eval("$hash('', 'SHA-256')"))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(causeOf("$hash('a', 'SHA-3')"))
        .endsWith(
            "$hash expects one of the algorithms MD5, SHA-1, SHA-256, SHA-384, SHA-512, but found:"
                + " \"SHA-3\"");
  }

  @Test
  void shouldReadJsonTextWhenParsing() {
    assertThat(eval("$parse('-0')")).isEqualTo(0);
    assertThat(Json.write(eval("$parse('{\"Arg1\": 1, \"Arg2\": []}')")))
        .isEqualTo("{\"Arg1\":1,\"Arg2\":[]}");
    assertThat(eval("$parse('null')")).isNull();
    assertThat(eval("$parse('\"HelloWorld\"')")).isEqualTo("HelloWorld");
    assertThat(causeOf("$parse('{oops')"))
        .endsWith("$parse expects valid JSON text, but found: {oops");
  }

  @Test
  void shouldDrawFromTheInjectedGeneratorWhenRandomAndUuidAreCalled() {
    // given two scopes with generators seeded alike
    JsonataScope first = EMPTY.withRandom(new SplittableRandom(42));
    JsonataScope second = EMPTY.withRandom(new SplittableRandom(42));

    // when both draw a number and a UUID
    Object r1 = JsonataEvaluator.evaluate("[$random(), $uuid()]", first);
    Object r2 = JsonataEvaluator.evaluate("[$random(), $uuid()]", second);

    // then they draw the same, and the UUID is a version 4 UUID
    assertThat(r1).isEqualTo(r2);
    List<?> values = (List<?>) r1;
    assertThat(((Number) values.get(0)).doubleValue()).isBetween(0.0, 1.0);
    assertThat((String) values.get(1))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void shouldRepeatTheNumberForTheSameSeedWhenRandomIsSeeded() {
    assertThat(eval("$random(7)")).isEqualTo(eval("$random(7)"));
    assertThat(eval("$random(7)")).isNotEqualTo(eval("$random(8)"));
    assertThat(causeOf("$random('x')"))
        .endsWith("$random expects an integer seed, but found: \"x\"");
  }

  @Test
  void shouldStillOfferStandardFunctions() {
    assertThat(eval("$contains('hello$world', /^hello\\$/)")).isEqualTo(true);
    assertThat(Json.write(eval("$merge([{'a':1},{'b':2}])"))).isEqualTo("{\"a\":1,\"b\":2}");
  }
}
