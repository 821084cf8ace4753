package io.stepflow.engine;

import static io.stepflow.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TaskSubmitted: a {@code .waitForTaskToken} or {@code .sync} task reports that the service
 * accepted its request, which is recorded while the task waits and changes nothing else.
 */
class EngineTaskSubmittedTest {

  private static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

  private static final String SENT = "{\"MessageId\": \"m-1\", \"MD5OfMessageBody\": \"abc\"}";

  @Test
  void shouldRecordTaskSubmittedBetweenStartedAndSucceededWhenTheServiceAcceptedTheRequest() {
    // given a callback task that waits for its token
    EngineHarness harness = oneTask(CALLBACK, "");

    // when the connector reports the service's answer, then the token comes back
    harness.submitTask(SENT).completeTask("{\"approved\": true}");

    // then the history shows TaskSubmitted with AWS's details before TaskSucceeded
    assertThat(harness.eventTypes().subList(2, 6))
        .containsExactly("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded");
    assertThat(harness.lastEvent("TaskSubmitted").details())
        .containsEntry("output", json(SENT))
        .containsEntry("outputDetails", Map.of("truncated", false))
        .containsEntry("resource", "sendMessage.waitForTaskToken")
        .containsEntry("resourceType", "sqs");
    // and the events are numbered without gaps, each following the one before
    List<HistoryEvent> history = harness.history();
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).id()).isEqualTo(i + 1);
      assertThat(history.get(i).previousEventId()).isEqualTo(i);
    }
    // and the task's result is the callback's, not the submission's
    assertThat(harness.output()).isEqualTo(json("{\"approved\": true}"));
  }

  @Test
  void shouldRefuseTaskSubmittedWhenTheTaskAlreadySucceeded() {
    // given a callback task whose token came back before its connector reported the submission
    EngineHarness harness = oneTask(CALLBACK, "");
    long taskId = harness.pendingTasks().get(0).taskId();
    harness.completeTask("{\"approved\": true}");
    List<String> before = harness.eventTypes();

    // when the late submission arrives, then it is refused as a late result is
    assertThatThrownBy(() -> harness.send(new Command.TaskSubmitted(taskId, json(SENT))))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("TaskDoesNotExist"));
    // and nothing is recorded after TaskSucceeded
    assertThat(harness.eventTypes()).isEqualTo(before).doesNotContain("TaskSubmitted");
  }

  @Test
  void shouldRefuseASecondTaskSubmittedWhenTheTaskWasSentAgain() {
    // given a callback task whose submission is recorded
    EngineHarness harness = oneTask(CALLBACK, "").submitTask(SENT);

    // when the outbox sent it again and the connector reports a second submission
    // then it is refused and the history keeps one TaskSubmitted
    assertThatThrownBy(() -> harness.submitTask("{\"MessageId\": \"m-2\"}"))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("TaskAlreadySubmitted"))
        .hasMessageContaining("already has its TaskSubmitted event");
    assertThat(harness.events("TaskSubmitted")).hasSize(1);
  }

  @Test
  void shouldRefuseTaskSubmittedWhenTheTaskIsRequestResponse() {
    // given a request-response task, which AWS records no TaskSubmitted for
    EngineHarness harness = oneTask("arn:aws:states:::sqs:sendMessage", "");

    // when a submission is reported for it, then it is refused and nothing is recorded
    assertThatThrownBy(() -> harness.submitTask(SENT))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("TaskSubmissionNotExpected"))
        .hasMessageContaining("arn:aws:states:::sqs:sendMessage");
    assertThat(harness.eventTypes()).doesNotContain("TaskSubmitted");
  }

  @Test
  void shouldStillTimeOutWhenASyncTaskWasSubmitted() {
    // given a .sync task with a timeout, whose job the service accepted
    EngineHarness harness =
        oneTask("arn:aws:states:::batch:submitJob.sync", ", \"TimeoutSeconds\": 30")
            .submitTask("{\"JobId\": \"j-1\", \"JobName\": \"j\"}");

    // when the timeout passes without a result
    harness.advance(Duration.ofSeconds(30));

    // then the task times out as it would have without the submission
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.Timeout");
    assertThat(harness.eventTypes())
        .containsSubsequence("TaskStarted", "TaskSubmitted", "TaskTimedOut", "ExecutionFailed");
    assertThat(harness.lastEvent("TaskSubmitted").details())
        .containsEntry("resource", "submitJob.sync")
        .containsEntry("resourceType", "batch");
  }

  @Test
  void shouldRefuseASecondSubmissionWhenTheHistoryWasReplayed() {
    // given a callback task whose submission is recorded, rebuilt from its history alone
    EngineHarness harness = oneTask(CALLBACK, "").submitTask(SENT);
    ExecutionState replayed = harness.replay();
    long taskId = harness.pendingTasks().get(0).taskId();
    ExecutionProcessor processor = new ExecutionProcessor(harness.settings());

    // when the submission is reported again to the rebuilt state, then it is refused
    assertThatThrownBy(
            () -> processor.handle(replayed, new Command.TaskSubmitted(taskId, json(SENT))))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("TaskAlreadySubmitted"));
    // and the task still waits, and its result continues the numbering
    assertThat(replayed.openTasks()).containsExactly(taskId);
    Decision done = processor.handle(replayed, new Command.SucceedTask(taskId, json("{}")));
    assertThat(done.events().get(0).type()).isEqualTo("TaskSucceeded");
    assertThat(done.events().get(0).previousEventId()).isEqualTo(harness.state().lastEventId());
  }

  @Test
  void shouldRefuseASubmissionForTheAttemptBeforeARetry() {
    // given a .sync task that failed once and is being tried again
    EngineHarness harness =
        oneTask(
            "arn:aws:states:::states:startExecution.sync:2",
            ", \"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"IntervalSeconds\": 1}]");
    long firstAttempt = harness.pendingTasks().get(0).taskId();
    harness.failTask("Boom", "first attempt").advance(Duration.ofSeconds(1));

    // when the first attempt's submission arrives late, then it is refused
    assertThatThrownBy(
            () ->
                harness.send(
                    new Command.TaskSubmitted(firstAttempt, json("{\"ExecutionArn\": \"a\"}"))))
        .isInstanceOf(EngineException.class);

    // and the second attempt records its own
    harness.submitTask("{\"ExecutionArn\": \"b\"}");
    assertThat(harness.lastEvent("TaskSubmitted").details())
        .containsEntry("output", json("{\"ExecutionArn\": \"b\"}"))
        .containsEntry("resource", "startExecution.sync:2")
        .containsEntry("resourceType", "states");
  }

  /** Starts a machine of one Task on {@code resource}, with more of the Task's fields. */
  private static EngineHarness oneTask(String resource, String fields) {
    return EngineHarness.create()
        .start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Parameters": {"n": 1}, "End": true%s}}}
            """
                .formatted(resource, fields),
            "{}");
  }
}
