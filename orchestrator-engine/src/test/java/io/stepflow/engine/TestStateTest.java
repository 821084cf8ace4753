package io.stepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepflow.asl.DefinitionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestStateTest {

  private static final String TASK_WITH_RETRY_AND_CATCH =
      """
      {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
       "Parameters": {"FunctionName": "f", "Payload.$": "$.value"},
       "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 2}],
       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}],
       "End": true}
      """;

  @Test
  void shouldShowEachProcessingStepOfAPassStateAtDebugLevel() {
    // given a Pass state with InputPath, Parameters and ResultPath
    String pass =
        """
        {"Type": "Pass", "InputPath": "$.in", "Parameters": {"x.$": "$.a"},
         "ResultPath": "$.out", "Next": "After"}
        """;

    // when it runs at DEBUG
    TestStateResult result =
        TestState.run(pass, null, Map.of("in", Map.of("a", 1)), null, "DEBUG", null);

    // then it succeeds, names the next state, and shows each step
    assertThat(result.status()).isEqualTo(TestStateResult.SUCCEEDED);
    assertThat(result.nextState()).isEqualTo("After");
    assertThat(result.output()).isEqualTo(Map.of("in", Map.of("a", 1), "out", Map.of("x", 1)));
    assertThat(result.inspectionData())
        .containsEntry("afterInputPath", Map.of("a", 1))
        .containsEntry("afterParameters", Map.of("x", 1))
        .containsKeys("input", "afterResultSelector", "afterResultPath");
  }

  @Test
  void shouldReportRetriableWhenARetrierMatchesTheMockedErrorAndHasAttemptsLeft() {
    // given a Task whose mock fails with an error a retrier handles
    Map<String, Object> mock = Map.of("errorOutput", Map.of("error", "Flaky", "cause", "boom"));

    // when it runs at TRACE
    TestStateResult result =
        TestState.run(TASK_WITH_RETRY_AND_CATCH, null, Map.of("value", 1), null, "TRACE", mock);

    // then it is retriable, with the retrier and its interval
    assertThat(result.status()).isEqualTo(TestStateResult.RETRIABLE);
    assertThat(result.error()).isEqualTo("Flaky");
    assertThat(result.cause()).isEqualTo("boom");
    assertThat(result.inspectionData())
        .containsEntry("errorDetails", Map.of("retryBackoffIntervalSeconds", 2L, "retryIndex", 0));
  }

  @Test
  void shouldReportCaughtErrorWithTheCatchersNextStateWhenNoRetrierMatches() {
    // given a Task whose mock fails with an error only the catcher handles
    Map<String, Object> mock = Map.of("errorOutput", Map.of("error", "Other", "cause", "bad"));

    // when it runs at INFO
    TestStateResult result =
        TestState.run(TASK_WITH_RETRY_AND_CATCH, null, Map.of("value", 1), null, "INFO", mock);

    // then the error is caught and the catcher's Next follows, with no inspection data
    assertThat(result.status()).isEqualTo(TestStateResult.CAUGHT_ERROR);
    assertThat(result.nextState()).isEqualTo("Handle");
    assertThat(result.output()).isEqualTo(Map.of("Error", "Other", "Cause", "bad"));
    assertThat(result.inspectionData()).isNull();
  }

  @Test
  void shouldRunTheNamedStateOfAStateMachineWithTheGivenVariables() {
    // given a machine whose second state reads a variable
    String machine =
        """
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
          "A": {"Type": "Pass", "Next": "B"},
          "B": {"Type": "Pass", "Output": "{% $greeting & ' ' & $states.input.name %}",
                "End": true}}}
        """;

    // when state B runs with the variable given
    TestStateResult result =
        TestState.run(
            machine, "B", Map.of("name", "Ada"), Map.of("greeting", "Hello"), "TRACE", null);

    // then it sees the variable, and TRACE shows the variables
    assertThat(result.status()).isEqualTo(TestStateResult.SUCCEEDED);
    assertThat(result.output()).isEqualTo("Hello Ada");
    assertThat(result.nextState()).isNull();
    assertThat(result.inspectionData()).containsEntry("variables", Map.of("greeting", "Hello"));
  }

  @Test
  void shouldRejectAStateNameTheMachineDoesNotHave() {
    // given a machine without state C
    String machine = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    // when / then asking for C is an invalid definition
    assertThatThrownBy(() -> TestState.run(machine, "C", Map.of(), null, "INFO", null))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("'C'");
  }
}
