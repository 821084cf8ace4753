package io.stepflow.asl.validate;

import static io.stepflow.asl.validate.Definitions.errors;
import static io.stepflow.asl.validate.Definitions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stepflow.asl.DefinitionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {

  @Test
  void shouldReportMissingDescriptionForAnEmptyDefinition() {
    // given an empty definition
    List<Diagnostic> diagnostics = DefinitionValidator.validate(Map.of());

    // then it is reported as missing
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("MISSING_DESCRIPTION", ""));
  }

  @Test
  void shouldReportInvalidJsonDescriptionForTextThatIsNotJson() {
    // given definition text that does not parse
    List<Diagnostic> diagnostics =
        DefinitionValidator.validateText("{\"StartAt\":", ResourceCheck.ANY);

    // then it is reported as invalid JSON
    assertThat(diagnostics)
        .extracting(Diagnostic::code)
        .containsExactly("INVALID_JSON_DESCRIPTION");
  }

  @Test
  void shouldReportAStateNameLongerThanEightyCharacters() {
    // given a state whose name has 81 characters
    String name = "N".repeat(81);
    String definition =
        "{\"StartAt\":\"" + name + "\",\"States\":{\"" + name + "\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the name is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_STATE_NAME", "/States/" + name));
  }

  @Test
  void shouldReportAStateNameUsedTwiceAcrossNestedMachines() {
    // given a branch state with the same name as an outer state
    String definition =
        """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"P","States":{"P":{"Type":"Succeed"}}}]}}}
        """;

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the second definition is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("DUPLICATE_STATE_NAME", "/States/P/Branches/0/States/P"));
  }

  @Test
  void shouldReportInvalidResourceWhenTheResourceCheckRejectsIt() {
    // given a resource check that knows only Lambda functions
    ResourceCheck lambdaOnly =
        r -> r.startsWith("arn:aws:lambda:") ? Optional.empty() : Optional.of("not a Lambda ARN");
    Map<String, Object> definition =
        parse(
            Definitions.single(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage"
                    + ".waitForTaskToken\",\"End\":true}"));

    // when it is validated with that check
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition, lambdaOnly);

    // then the Resource is blamed with the check's reason
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("INVALID_RESOURCE", "/States/A/Resource"));
    assertThat(diagnostics.get(0).message()).endsWith("not a Lambda ARN");
  }

  @Test
  void shouldThrowNamingTheFirstErrorAndCountingTheOthers() {
    // given a definition with three errors
    Map<String, Object> definition =
        parse(
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"X\","
                + "\"InputPath\":\"nope\",\"Bogus\":1}}}");

    // when it is required to be valid, then the exception names the first and counts the rest
    assertThatThrownBy(() -> DefinitionValidator.requireValid(definition))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("/States/A/Bogus: SCHEMA_VALIDATION_FAILED: Expected only")
        .hasMessageEndingWith("(and 3 other errors)")
        .extracting(e -> ((DefinitionException) e).location())
        .isEqualTo("/States/A/Bogus");
  }

  @Test
  void shouldNotThrowForWarningsOnly() {
    // given a definition whose only problem is an unreachable state
    Map<String, Object> definition =
        parse(
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"},\"B\":{\"Type\":\"Fail\"}}}");

    // when it is required to be valid, then nothing is thrown
    assertThatCode(() -> DefinitionValidator.requireValid(definition)).doesNotThrowAnyException();
  }
}
