package io.stepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Redriving an execution that failed: it enters again the state it failed in. */
class EngineRedriveTest {

  private static final String PREPARE_THEN_WORK =
      """
      {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Result": {"ready": true}, "ResultPath": "$.prep", "Next": "Work"},
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
      }}
      """;

  @Test
  void shouldEnterTheFailedStateAgainWithItsInputWhenRedriven() {
    // given an execution whose task failed after a Pass state had run
    EngineHarness harness = EngineHarness.create().start(PREPARE_THEN_WORK, "{\"n\":1}");
    harness.failTask("Boom", "the first try failed");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);

    // when it is redriven and the task succeeds this time
    harness.send(new Command.RedriveExecution());
    harness.completeTask("{\"done\":true}");

    // then the Pass state did not run again, the task state did, with the input it had
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.eventTypes())
        .containsSubsequence("ExecutionFailed", "ExecutionRedriven", "TaskStateEntered")
        .filteredOn("PassStateEntered"::equals)
        .hasSize(1);
    assertThat(harness.lastEvent("TaskStateEntered").details().get("input").toString())
        .contains("ready");
    assertThat(harness.lastEvent("ExecutionRedriven").details()).containsEntry("redriveCount", 1);
  }

  @Test
  void shouldRefuseToRedriveAnExecutionThatSucceeded() {
    EngineHarness harness = EngineHarness.create().start(PREPARE_THEN_WORK, "{}");
    harness.completeTask("{}");
    assertThatThrownBy(() -> harness.send(new Command.RedriveExecution()))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("ExecutionNotRedrivable"));
  }

  @Test
  void shouldRebuildARedrivenExecutionFromItsHistory() {
    // given a redriven execution waiting for its task again
    EngineHarness harness = EngineHarness.create().start(PREPARE_THEN_WORK, "{}");
    harness.failTask("Boom", "first");
    harness.send(new Command.RedriveExecution());

    // when its history is replayed
    ExecutionState replayed = harness.replay();

    // then the rebuilt execution runs again and waits for the same task
    assertThat(replayed.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(replayed.redriveCount()).isEqualTo(1);
    assertThat(replayed.openTasks()).containsExactlyElementsOf(harness.state().openTasks());
  }
}
