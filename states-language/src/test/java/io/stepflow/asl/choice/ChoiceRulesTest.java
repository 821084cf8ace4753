package io.stepflow.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.path.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChoiceRulesTest {

  @SuppressWarnings("unchecked")
  private static boolean matches(String ruleJson, String inputJson) {
    ChoiceRule rule = ChoiceRules.parse((Map<String, Object>) Json.parse(ruleJson));
    return rule.matches(
        new Scope(
            Json.parse(inputJson),
            Map.of("Execution", Map.of("Input", Map.of("n", 0))),
            Map.of("limit", 10, "word", "abc")));
  }

  @Test
  void shouldCompareNumbersByValueWhenNumericEqualsMixesIntegersAndDecimals() {
    assertThat(matches("{\"Variable\":\"$.v\",\"NumericEquals\":1.0}", "{\"v\":1}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"NumericLessThan\":2}", "{\"v\":1.5}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"NumericGreaterThanEquals\":2}", "{\"v\":1}"))
        .isFalse();
  }

  @Test
  void shouldBeFalseNotAnErrorWhenTheVariableHasAnotherType() {
    assertThat(matches("{\"Variable\":\"$.v\",\"NumericEquals\":0}", "{\"v\":\"0\"}")).isFalse();
    assertThat(matches("{\"Variable\":\"$.v\",\"BooleanEquals\":false}", "{\"v\":0}")).isFalse();
    assertThat(matches("{\"Variable\":\"$.v\",\"StringEquals\":\"1\"}", "{\"v\":1}")).isFalse();
    assertThat(
            matches(
                "{\"Variable\":\"$.v\",\"TimestampEquals\":\"2012-10-09T19:00:55Z\"}",
                "{\"v\":\"2012-10-09T19:00:55\"}"))
        .isFalse();
  }

  @Test
  void shouldCompareInstantsWhenTimestampsHaveDifferentOffsets() {
    assertThat(
            matches(
                "{\"Variable\":\"$.v\",\"TimestampEquals\":\"2012-10-09T19:00:55Z\"}",
                "{\"v\":\"2012-10-09T20:00:55+01:00\"}"))
        .isTrue();
    assertThat(
            matches(
                "{\"Variable\":\"$.v\",\"TimestampLessThanPath\":\"$.w\"}",
                "{\"v\":\"2012-10-09T19:00:55Z\",\"w\":\"2012-10-09T19:00:56.5Z\"}"))
        .isTrue();
  }

  @Test
  void shouldReadTheRightSideFromContextAndVariablesWhenUsingPathOperators() {
    assertThat(matches("{\"Variable\":\"$.v\",\"NumericLessThanPath\":\"$limit\"}", "{\"v\":3}"))
        .isTrue();
    assertThat(
            matches(
                "{\"Variable\":\"$$.Execution.Input.n\",\"NumericEqualsPath\":\"$.v\"}",
                "{\"v\":0}"))
        .isTrue();
    assertThat(matches("{\"Variable\":\"$word\",\"StringEquals\":\"abc\"}", "{}")).isTrue();
  }

  @Test
  void shouldHonourWildcardsAndEscapesWhenStringMatches() {
    String rule = "{\"Variable\":\"$.v\",\"StringMatches\":\"log-*.t\\\\*t\"}";

    assertThat(matches(rule, "{\"v\":\"log-2024.t*t\"}")).isTrue();
    assertThat(matches(rule, "{\"v\":\"log-2024.txt\"}")).isFalse();
    assertThat(matches("{\"Variable\":\"$.v\",\"StringMatches\":\"*\"}", "{\"v\":\"\"}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"StringMatches\":\"a*b*a\"}", "{\"v\":\"aba\"}"))
        .isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"StringMatches\":\"a*a\"}", "{\"v\":\"a\"}"))
        .isFalse();
  }

  @Test
  void shouldTestTypesAndPresenceWhenUsingIsOperators() {
    assertThat(matches("{\"Variable\":\"$.v\",\"IsNull\":true}", "{\"v\":null}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"IsPresent\":false}", "{}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"IsPresent\":true}", "{\"v\":null}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"IsNumeric\":true}", "{\"v\":1.5}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"IsString\":false}", "{\"v\":[]}")).isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"IsBoolean\":true}", "{\"v\":false}")).isTrue();
    assertThat(
            matches(
                "{\"Variable\":\"$.v\",\"IsTimestamp\":true}", "{\"v\":\"2016-08-18T17:33:00Z\"}"))
        .isTrue();
    assertThat(matches("{\"Variable\":\"$.v\",\"IsTimestamp\":true}", "{\"v\":\"2023-02-24\"}"))
        .isFalse();
  }

  @Test
  void shouldCombineNestedRulesWhenUsingAndOrNot() {
    String rule =
        "{\"And\":[{\"Not\":{\"Variable\":\"$.type\",\"StringEquals\":\"Private\"}},"
            + "{\"Or\":[{\"Variable\":\"$.value\",\"NumericEquals\":0},"
            + "{\"Variable\":\"$.value\",\"NumericGreaterThan\":20}]}],\"Next\":\"X\"}";

    assertThat(matches(rule, "{\"type\":\"Public\",\"value\":22}")).isTrue();
    assertThat(matches(rule, "{\"type\":\"Private\",\"value\":22}")).isFalse();
    assertThat(matches(rule, "{\"type\":\"Public\",\"value\":5}")).isFalse();
  }

  @Test
  void shouldRaiseRuntimeErrorWithAwsCauseWhenTheVariableMatchesNothing() {
    assertThatThrownBy(() -> matches("{\"Variable\":\"$.missing\",\"IsNull\":false}", "{}"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.cause())
                  .isEqualTo(
                      "Invalid path '$.missing': The choice state's condition path references an"
                          + " invalid value.");
            });
  }

  @Test
  void shouldRaiseRuntimeErrorWhenThePathOfTheRightSideMatchesNothing() {
    assertThatThrownBy(
            () -> matches("{\"Variable\":\"$.v\",\"NumericEqualsPath\":\"$.w\"}", "{\"v\":1}"))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.cause()).startsWith("Invalid path '$.w'"));
  }

  @Test
  void shouldRejectRulesWithAValueOfTheWrongTypeWhenParsing() {
    assertThatThrownBy(() -> ChoiceRules.parse(Map.of("Variable", "$.v", "NumericEquals", "one")))
        .isInstanceOfSatisfying(
            DefinitionException.class,
            e -> {
              assertThat(e.location()).isEqualTo("/NumericEquals");
              assertThat(e.getMessage()).contains("Expected a number").contains("\"one\"");
            });
  }

  @Test
  void shouldRejectRulesWithoutOperatorOrWithUnknownOperatorWhenParsing() {
    assertThatThrownBy(() -> ChoiceRules.parse(Map.of("Variable", "$.v")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("Expected exactly one comparison operator");
    assertThatThrownBy(() -> ChoiceRules.parse(Map.of("Variable", "$.v", "NumberEquals", 1)))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("unknown field 'NumberEquals'");
    assertThatThrownBy(
            () ->
                ChoiceRules.parse(
                    Map.of("Variable", "$.v", "TimestampEquals", "2016-08-18 17:33:00")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("RFC 3339");
  }

  @Test
  void shouldPointIntoNestedRulesWhenAnEmptyAndIsMalformed() {
    assertThatThrownBy(() -> ChoiceRules.parse(Map.of("Not", Map.of("And", java.util.List.of()))))
        .isInstanceOfSatisfying(
            DefinitionException.class, e -> assertThat(e.location()).isEqualTo("/Not/And"));
  }
}
