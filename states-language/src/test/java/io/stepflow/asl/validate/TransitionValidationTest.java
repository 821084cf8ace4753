package io.stepflow.asl.validate;

import static io.stepflow.asl.validate.Definitions.errors;
import static io.stepflow.asl.validate.Definitions.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionValidationTest {

  @Test
  void shouldAcceptTheSmallestMachine() {
    // given a single Pass state that ends the machine
    String definition = Definitions.single("{\"Type\":\"Pass\",\"End\":true}");

    // when it is validated
    List<Diagnostic> diagnostics = validate(definition);

    // then nothing is reported
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void shouldReportSchemaValidationFailedWhenStartAtIsMissing() {
    // given a machine without StartAt
    String definition = "{\"States\":{\"A\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the machine itself is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", ""));
    assertThat(diagnostics.get(0).message()).contains("StartAt", "no StartAt");
  }

  @Test
  void shouldReportMissingTransitionTargetWhenStartAtNamesNoState() {
    // given StartAt naming a state that does not exist
    String definition = "{\"StartAt\":\"Nope\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then StartAt is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("MISSING_TRANSITION_TARGET", "/StartAt"));
    assertThat(diagnostics.get(0).message())
        .isEqualTo(
            "Expected StartAt to name a state of this machine, but no state is named 'Nope'");
  }

  @Test
  void shouldReportMissingTransitionTargetWhenNextNamesNoState() {
    // given a Next that names no state
    String definition =
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Foo\"},"
            + "\"B\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then Next is blamed with the missing name
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location, Diagnostic::message)
        .containsExactly(
            tuple(
                "MISSING_TRANSITION_TARGET",
                "/States/A/Next",
                "Expected Next to name a state of this machine, but no state is named 'Foo'"));
  }

  @Test
  void shouldReportMissingTransitionTargetsOfChoiceRulesDefaultAndCatch() {
    // given a Choice whose rule and Default name no state, and a Task whose catcher names none
    String definition =
        """
        {"StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"X1"}],
               "Default":"X2"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true,
               "Catch":[{"ErrorEquals":["States.ALL"],"Next":"X3"}]}}}
        """;

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then each target is blamed where it is written
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactlyInAnyOrder(
            tuple("MISSING_TRANSITION_TARGET", "/States/C/Choices/0/Next"),
            tuple("MISSING_TRANSITION_TARGET", "/States/C/Default"),
            tuple("MISSING_TRANSITION_TARGET", "/States/T/Catch/0/Next"));
  }

  @Test
  void shouldReportAStateWithNeitherNextNorEnd() {
    // given a Pass state that neither continues nor ends
    String definition =
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"},\"B\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the state is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A"));
    assertThat(diagnostics.get(0).message()).contains("Next or End", "neither");
  }

  @Test
  void shouldReportEndTogetherWithNext() {
    // given a state with both End and Next
    String definition =
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Next\":\"B\"},"
            + "\"B\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then Next is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Next"));
  }

  @Test
  void shouldReportNextOnASucceedState() {
    // given a Succeed state with Next
    String definition =
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\",\"Next\":\"A\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then Next is an unknown field there
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("SCHEMA_VALIDATION_FAILED", "/States/A/Next"));
  }

  @Test
  void shouldWarnOfAnUnreachableState() {
    // given a state no transition leads to
    String definition =
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"},\"B\":{\"Type\":\"Succeed\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = validate(definition);

    // then a warning, not an error, names it
    assertThat(diagnostics)
        .extracting(Diagnostic::severity, Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple(Severity.WARNING, "UNREACHABLE_STATE", "/States/B"));
  }

  @Test
  void shouldReportMissingEndStateWhenNoStateEndsTheMachine() {
    // given two states that loop forever
    String definition =
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
            + "\"B\":{\"Type\":\"Pass\",\"Next\":\"A\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the machine's States are blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("MISSING_END_STATE", "/States"));
  }

  @Test
  void shouldReportTargetsInsideAParallelBranchThatNameOuterStates() {
    // given a branch state whose Next names a state of the outer machine
    String definition =
        """
        {"StartAt":"P","States":{
          "P":{"Type":"Parallel","Next":"Done","Branches":[
            {"StartAt":"B1","States":{"B1":{"Type":"Pass","Next":"Done"}}}]},
          "Done":{"Type":"Succeed"}}}
        """;

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the branch's Next is blamed, and the branch has no terminal state
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactlyInAnyOrder(
            tuple("MISSING_TRANSITION_TARGET", "/States/P/Branches/0/States/B1/Next"),
            tuple("MISSING_END_STATE", "/States/P/Branches/0/States"));
  }

  @Test
  void shouldReportStartAtOfAMapProcessorNamingNoState() {
    // given a Map whose ItemProcessor starts at a state it does not have
    String definition =
        Definitions.single(
            """
            {"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X",
              "States":{"I":{"Type":"Succeed"}}}}
            """);

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the processor's StartAt is blamed
    assertThat(diagnostics)
        .extracting(Diagnostic::code, Diagnostic::location)
        .containsExactly(tuple("MISSING_TRANSITION_TARGET", "/States/A/ItemProcessor/StartAt"));
  }

  @Test
  void shouldEscapeSlashesOfStateNamesInLocations() {
    // given a state whose name holds a slash and a tilde
    String definition =
        "{\"StartAt\":\"a/b~c\",\"States\":{\"a/b~c\":{\"Type\":\"Pass\",\"Next\":\"Z\"}}}";

    // when it is validated
    List<Diagnostic> diagnostics = errors(definition);

    // then the location is a well-formed JSON pointer
    assertThat(diagnostics).extracting(Diagnostic::location).contains("/States/a~1b~0c/Next");
  }
}
