package io.stepflow.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.path.PathReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicFunctionsTest {

  private static Object eval(String expression, String inputJson) {
    return IntrinsicFunctions.evaluate(
        expression, TestPathReader.over(Json.parse(inputJson)), new SplittableRandom(1));
  }

  private static Object eval(String expression) {
    return eval(expression, "{}");
  }

  private static void assertIntrinsicFailure(String expression, String inputJson, String cause) {
    assertThatThrownBy(() -> eval(expression, inputJson))
        .isInstanceOf(StatesError.class)
        .satisfies(
            e -> {
              StatesError error = (StatesError) e;
              assertThat(error.error()).isEqualTo("States.IntrinsicFailure");
              assertThat(error.cause()).contains(cause);
            });
  }

  // ---- Parsing -------------------------------------------------------------------------------

  @Test
  void shouldReadEveryKindOfArgumentWhenCallIsWellFormed() {
    // given a call with a string, numbers, booleans, null, a path and a nested call
    String expression = "States.Array('a', 1, -2.5, true, false, null, $.x, States.Array())";

    // when it is evaluated
    Object result = eval(expression, "{\"x\":{\"y\":1}}");

    // then each argument has its JSON value
    assertThat(Json.write(result)).isEqualTo("[\"a\",1,-2.5,true,false,null,{\"y\":1},[]]");
  }

  @Test
  void shouldResolveEscapesWhenStringLiteralHasBackslashes() {
    // given a literal with escaped quote, braces and backslash
    String expression = "States.Array('it\\'s \\{\\} \\\\ done')";

    // when it is evaluated
    Object result = eval(expression);

    // then the escapes are resolved
    assertThat(result).isEqualTo(List.of("it's {} \\ done"));
  }

  @Test
  void shouldReadPathsWithBracketsAndSpacesWhenArgumentsAreReferencePaths() {
    // given paths with brackets, a quoted key containing a comma and spaces around arguments
    String expression = "States.Array( $.a[1] , $['b, c'] )";

    // when it is evaluated
    Object result = eval(expression, "{\"a\":[10,20],\"b, c\":3}");

    // then both paths were read through the reader
    assertThat(result).isEqualTo(List.of(20, 3));
  }

  @Test
  void shouldPassContextAndVariablePathsToTheReaderWhenArgumentsUseThem() {
    // given a reader that echoes the paths it is asked for
    PathReader echo = path -> "<" + path + ">";

    // when a call uses a context path and a variable path
    Object result = IntrinsicFunctions.evaluate("States.Array($$.Execution.Id, $myVar.x)", echo);

    // then the reader saw the paths as written
    assertThat(result).isEqualTo(List.of("<$$.Execution.Id>", "<$myVar.x>"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.Format('a'",
        "States.Array(1 2)",
        "States.Array('open)",
        "States.Nope(1)",
        "States.UUID(1)",
        "States.ArrayLength()",
        "States.Array() trailing",
        "States.Array(bogus)",
        "Other.Array()"
      })
  void shouldRejectDefinitionWhenCallIsMalformed(String expression) {
    // when the call is validated / then it is rejected with a message saying what was expected
    assertThatThrownBy(() -> IntrinsicFunctions.validate(expression))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("xpected");
  }

  @Test
  void shouldAcceptDefinitionWhenCallIsWellFormed() {
    IntrinsicFunctions.validate(
        "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), $$.x)");
  }

  @Test
  void shouldFailWithIntrinsicFailureWhenEvaluatingMalformedCall() {
    assertIntrinsicFailure("States.Array(", "{}", "Expected an argument");
  }

  @Test
  void shouldPassReaderErrorThroughWhenPathIsMissing() {
    // given a path that is not in the input
    // when it is evaluated / then the reader's own error is what the caller sees
    assertThatThrownBy(() -> eval("States.Array($.missing)", "{}"))
        .isInstanceOf(StatesError.class)
        .extracting(e -> ((StatesError) e).error())
        .isEqualTo("States.Runtime");
  }

  // ---- States.Format -------------------------------------------------------------------------

  @Test
  void shouldFormatValuesAsAwsDoesWhenFormatHasPlaceholders() {
    // given values of every JSON type
    String input =
        "{\"s\":\"x\",\"i\":1,\"d\":1.10,\"n\":null,\"b\":true,\"o\":{\"A\":1,\"B\":[]},\"l\":[1,\"y\"]}";

    // when they are formatted
    Object result =
        eval("States.Format('{} {} {} {} {} {} {}', $.s, $.i, $.d, $.n, $.b, $.o, $.l)", input);

    // then strings are bare, objects and arrays look like Java maps and lists
    assertThat(result).isEqualTo("x 1 1.10 null true {A=1, B=[]} [1, y]");
  }

  @Test
  void shouldKeepEscapedBracesWhenFormatTemplateEscapesThem() {
    assertThat(eval("States.Format('\\{\\} and {}', 'v')")).isEqualTo("{} and v");
  }

  @Test
  void shouldUseTemplateFromPathWhenFirstArgumentIsAPath() {
    assertThat(eval("States.Format($.t, 'Pikachu')", "{\"t\":\"It's {}!\"}"))
        .isEqualTo("It's Pikachu!");
  }

  @Test
  void shouldFailWhenFormatHasMorePlaceholdersThanValues() {
    assertIntrinsicFailure("States.Format('{} {}', 1)", "{}", "but found 1");
  }

  // ---- JSON ----------------------------------------------------------------------------------

  @Test
  void shouldWriteCompactJsonWhenConvertingJsonToString() {
    assertThat(eval("States.JsonToString($)", "{\"a\":1,\"b\":[1.5,\"x\"]}"))
        .isEqualTo("{\"a\":1,\"b\":[1.5,\"x\"]}");
  }

  @Test
  void shouldReturnNullWhenStringToJsonGetsBlankText() {
    assertThat(eval("States.StringToJson(' ')")).isNull();
    assertThat(eval("States.StringToJson('{\"k\": [1]}')")).isEqualTo(Map.of("k", List.of(1)));
  }

  @Test
  void shouldFailWhenStringToJsonGetsInvalidJson() {
    assertIntrinsicFailure("States.StringToJson('{oops')", "{}", "expected a string holding JSON");
  }

  @Test
  void shouldMergeShallowlyWhenJsonMergeGetsTwoObjects() {
    // given two objects sharing a nested key
    String input = "{\"a\":{\"x\":{\"p\":1},\"k\":1},\"b\":{\"x\":{\"q\":2}}}";

    // when they are merged
    Object result = eval("States.JsonMerge($.a, $.b, false)", input);

    // then the second object's value replaces the first one's as a whole
    assertThat(Json.write(result)).isEqualTo("{\"x\":{\"q\":2},\"k\":1}");
  }

  @Test
  void shouldFailWhenJsonMergeIsAskedForDeepMerge() {
    assertIntrinsicFailure("States.JsonMerge($, $, true)", "{}", "expected false");
  }

  // ---- Arrays --------------------------------------------------------------------------------

  @Test
  void shouldSplitIntoChunksWhenPartitioningAnArray() {
    assertThat(eval("States.ArrayPartition($, 2)", "[1,2,3,4,5]"))
        .isEqualTo(List.of(List.of(1, 2), List.of(3, 4), List.of(5)));
  }

  @Test
  void shouldFailWhenChunkSizeIsNotPositive() {
    assertIntrinsicFailure("States.ArrayPartition($, 0)", "[1]", "positive chunk size");
  }

  @Test
  void shouldCompareAsJsonWhenCheckingArrayContains() {
    assertThat(eval("States.ArrayContains($.a, $.b)", "{\"a\":[{\"x\":1.0}],\"b\":{\"x\":1}}"))
        .isEqualTo(true);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1, 9, 2;[1,3,5,7,9]",
        "0, 10, 3;[0,3,6,9]",
        "5, 1, -2;[5,3,1]",
        "5, 1, 1;[]",
        "3, 3, 7;[3]"
      })
  void shouldCountFromStartToEndWhenMakingArrayRange(String args, String expected) {
    assertThat(Json.write(eval("States.ArrayRange(" + args + ")"))).isEqualTo(expected);
  }

  @Test
  void shouldFailWhenArrayRangeIsTooLongOrStepIsZero() {
    assertIntrinsicFailure("States.ArrayRange(0, 1000, 1)", "{}", "at most 1000 items");
    assertIntrinsicFailure("States.ArrayRange(0, 10, 0)", "{}", "non-zero step");
    assertIntrinsicFailure("States.ArrayRange(0, 1.5, 1)", "{}", "expected an integer");
  }

  @Test
  void shouldFailWhenArrayGetItemIndexIsOutOfBounds() {
    assertThat(eval("States.ArrayGetItem($, 1)", "[\"a\",\"b\"]")).isEqualTo("b");
    assertIntrinsicFailure(
        "States.ArrayGetItem($, 2)", "[\"a\",\"b\"]", "from 0 to 1, but found 2");
  }

  @Test
  void shouldKeepFirstOccurrencesWhenMakingArrayUnique() {
    assertThat(Json.write(eval("States.ArrayUnique($)", "[1,2,2,{\"a\":1},{\"a\":1},null,null]")))
        .isEqualTo("[1,2,{\"a\":1},null]");
  }

  @Test
  void shouldFailWhenArrayFunctionGetsNoArray() {
    assertIntrinsicFailure(
        "States.ArrayLength($.s)", "{\"s\":\"x\"}", "expected an array as argument 1");
  }

  // ---- Encoding and hashing ------------------------------------------------------------------

  @Test
  void shouldRoundTripUtf8WhenEncodingAndDecodingBase64() {
    assertThat(eval("States.Base64Encode('Grüße')")).isEqualTo("R3LDvMOfZQ==");
    assertThat(eval("States.Base64Decode('R3LDvMOfZQ==')")).isEqualTo("Grüße");
  }

  @Test
  void shouldFailWhenBase64InputIsTooLongOrInvalid() {
    String longText = "a".repeat(10_001);
    assertIntrinsicFailure(
        "States.Base64Encode($)", Json.write(longText), "at most 10000 characters");
    assertIntrinsicFailure("States.Base64Decode('***')", "{}", "expected base64 text");
  }

  @Test
  void shouldFailWhenHashAlgorithmIsUnknown() {
    assertThat(eval("States.Hash('input data', 'MD5')"))
        .isEqualTo("812f45842bc6d66ee14572ce20db8e86");
    assertIntrinsicFailure("States.Hash('x', 'sha-256')", "{}", "but found 'sha-256'");
  }

  // ---- Math ----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "1.49, 1.5, 3",
    "-1.5, 0, -1",
    "-2.5, 0, -2",
    "2.5, 0, 3",
    "-0.5, 0.5, 1",
    "-9, 3, -6"
  })
  void shouldRoundHalvesUpBeforeAddingWhenMathAddGetsDecimals(String a, String b, int expected) {
    // when two decimals are added / then each is rounded half up first, as AWS recorded
    assertThat(eval("States.MathAdd(" + a + ", " + b + ")")).isEqualTo(expected);
  }

  @Test
  void shouldGrowIntoLongWhenMathAddOverflowsInt() {
    assertThat(eval("States.MathAdd(2147483647, 1)")).isEqualTo(2147483648L);
  }

  @Test
  void shouldFailWhenMathAddGetsText() {
    assertIntrinsicFailure("States.MathAdd('1', 2)", "{}", "expected a number as argument 1");
  }

  @Test
  void shouldStayWithinBoundsWhenMathRandomRuns() {
    for (int i = 0; i < 200; i++) {
      Object value = eval("States.MathRandom(-3, 4)");
      assertThat(value).isInstanceOf(Integer.class);
      assertThat((Integer) value).isBetween(-3, 3);
    }
  }

  @Test
  void shouldRepeatTheNumberWhenMathRandomHasTheSameSeed() {
    // given two evaluations with different sources of randomness but the same seed
    Object first =
        IntrinsicFunctions.evaluate(
            "States.MathRandom(0, 1000000, 42)", p -> null, new SplittableRandom(1));
    Object second =
        IntrinsicFunctions.evaluate(
            "States.MathRandom(0, 1000000, 42)", p -> null, new SplittableRandom(2));

    // then the seed alone decides the number
    assertThat(first).isEqualTo(second);
  }

  @Test
  void shouldFailWhenMathRandomStartIsNotBelowEnd() {
    assertIntrinsicFailure("States.MathRandom(5, 5)", "{}", "start below the end");
  }

  // ---- Strings and identifiers ---------------------------------------------------------------

  @Test
  void shouldSplitOnEachDelimiterCharacterAndDropEmptyPiecesWhenSplittingString() {
    assertThat(eval("States.StringSplit('This.is+a,,test', '.+,')"))
        .isEqualTo(List.of("This", "is", "a", "test"));
    assertThat(eval("States.StringSplit(',,,', ',')")).isEqualTo(List.of());
  }

  @Test
  void shouldMakeVersion4UuidFromInjectedRandomnessWhenUuidIsCalled() {
    // given the same source of randomness twice
    Object a = IntrinsicFunctions.evaluate("States.UUID()", p -> null, new SplittableRandom(9));
    Object b = IntrinsicFunctions.evaluate("States.UUID()", p -> null, new SplittableRandom(9));

    // then the UUIDs are equal and have the version 4 layout
    assertThat(a).isEqualTo(b);
    assertThat((String) a)
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void shouldLeaveInputUntouchedWhenCallerChangesTheResult() {
    // given an input object that a call returns inside an array
    Object input = Json.parse("{\"o\":{\"k\":1}}");
    PathReader reader = TestPathReader.over(input);

    // when the caller changes the result
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> result =
        (List<Map<String, Object>>) IntrinsicFunctions.evaluate("States.Array($.o)", reader);
    result.get(0).put("k", new BigDecimal("2"));

    // then the input still holds the old value
    assertThat(Json.write(input)).isEqualTo("{\"o\":{\"k\":1}}");
  }
}
