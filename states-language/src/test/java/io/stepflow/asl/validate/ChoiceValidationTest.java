package io.stepflow.asl.validate;

import static io.stepflow.asl.validate.Definitions.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceValidationTest {

  private static String choice(String choices) {
    return "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":"
        + choices
        + ",\"Default\":\"D\"},\"D\":{\"Type\":\"Succeed\"}}}";
  }

  @Test
  void shouldReportAChoiceWithoutChoices() {
    // given a Choice state with no Choices
    String definition =
        "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Default\":\"D\"},"
            + "\"D\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the state is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/C"));
  }

  @Test
  void shouldReportAChoiceWithEmptyChoices() {
    // given a Choice state with an empty Choices array
    List<Diagnostic> diagnostics = errors(choice("[]"));

    // then Choices is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/C/Choices"));
  }

  @Test
  void shouldReportARuleWithoutComparator() {
    // given a rule with a Variable but nothing to compare
    List<Diagnostic> diagnostics = errors(choice("[{\"Variable\":\"$.x\",\"Next\":\"D\"}]"));

    // then the rule is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_CHOICE_RULE", "/States/C/Choices/0"));
    assertThat(diagnostics.get(0).message()).contains("exactly one comparator", "none");
  }

  @Test
  void shouldReportARuleWithTwoComparators() {
    // given a rule with two comparators
    List<Diagnostic> diagnostics =
        errors(
            choice(
                "[{\"Variable\":\"$.x\",\"StringEquals\":\"a\",\"IsPresent\":true,"
                    + "\"Next\":\"D\"}]"));

    // then the second comparator is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_CHOICE_RULE", "/States/C/Choices/0/IsPresent"));
  }

  @Test
  void shouldReportABadVariablePath() {
    // given a Variable that is not a path
    List<Diagnostic> diagnostics =
        errors(choice("[{\"Variable\":\"x.y\",\"IsPresent\":true,\"Next\":\"D\"}]"));

    // then the Variable is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/C/Choices/0/Variable"));
  }

  @Test
  void shouldAcceptContextAndVariablePathsInChoiceRules() {
    // given rules reading the context object and a variable
    List<Diagnostic> diagnostics =
        errors(
            choice(
                "[{\"Variable\":\"$$.Execution.Input.x\",\"IsPresent\":true,\"Next\":\"D\"},"
                    + "{\"Variable\":\"$count\",\"NumericLessThanPath\":\"$limit.max\","
                    + "\"Next\":\"D\"}]"));

    // then nothing is wrong
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldReportAComparatorOperandOfTheWrongType() {
    // given a numeric comparator with a string operand
    List<Diagnostic> diagnostics =
        errors(choice("[{\"Variable\":\"$.x\",\"NumericEquals\":\"1\",\"Next\":\"D\"}]"));

    // then the comparator is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_CHOICE_RULE", "/States/C/Choices/0/NumericEquals"));
  }

  @Test
  void shouldReportNextInsideANestedRule() {
    // given an And whose inner rule has a Next
    List<Diagnostic> diagnostics =
        errors(
            choice(
                "[{\"And\":[{\"Variable\":\"$.x\",\"IsPresent\":true,\"Next\":\"D\"}],"
                    + "\"Next\":\"D\"}]"));

    // then the inner Next is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/C/Choices/0/And/0/Next"));
  }

  @Test
  void shouldReportABadComparatorPathInsideNot() {
    // given a Not whose rule compares with a malformed path
    List<Diagnostic> diagnostics =
        errors(
            choice(
                "[{\"Not\":{\"Variable\":\"$.x\",\"StringEqualsPath\":\"$.a[\"},"
                    + "\"Next\":\"D\"}]"));

    // then the comparator path is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONPATH", "/States/C/Choices/0/Not/StringEqualsPath"));
  }

  @Test
  void shouldReportAJsonataRuleWithoutCondition() {
    // given a JSONata Choice rule with no Condition
    String definition =
        "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\","
            + "\"Choices\":[{\"Next\":\"D\"}],\"Default\":\"D\"},\"D\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the rule is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_CHOICE_RULE", "/States/C/Choices/0"));
  }

  @Test
  void shouldReportAJsonataConditionThatDoesNotParse() {
    // given a JSONata Choice rule whose Condition has an unclosed parenthesis
    String definition =
        "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\","
            + "\"Choices\":[{\"Condition\":\"{% ($states.input.x > 1 %}\",\"Next\":\"D\"}],"
            + "\"Default\":\"D\"},\"D\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the Condition is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_JSONATA", "/States/C/Choices/0/Condition"));
  }
}
