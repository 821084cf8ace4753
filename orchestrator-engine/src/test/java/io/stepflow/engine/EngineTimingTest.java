package io.stepflow.engine;

import static io.stepflow.engine.EngineHarness.T0;
import static io.stepflow.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waits, task and heartbeat timeouts, the execution's timeout, and stopping by an operator. */
class EngineTimingTest {

  private static final String TASK_WITH_TIMEOUTS =
      """
      {"StartAt": "Work", "States": {
        "Work": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "work"},
          %s
          "End": true
        }
      }}
      """;

  @Test
  void shouldWaitUntilTheClockReachesTheDeadline() {
    // given a Wait of 60 s
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Pause", "States": {
                  "Pause": {"Type": "Wait", "Seconds": 60, "End": true}
                }}
                """,
                "{\"n\": 1}");
    assertThat(harness.eventTypes()).containsExactly("ExecutionStarted", "WaitStateEntered");

    // when the clock moves to just before the deadline
    harness.advance(Duration.ofSeconds(59).plusMillis(999));

    // then nothing happens
    assertThat(harness.eventTypes()).containsExactly("ExecutionStarted", "WaitStateEntered");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.RUNNING);

    // when the clock reaches the deadline
    harness.advance(Duration.ofMillis(1));

    // then the state exits at exactly 60 s and the execution succeeds with its input
    assertThat(harness.eventTypes())
        .containsExactly(
            "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded");
    assertThat(harness.lastEvent("WaitStateExited").timestamp()).isEqualTo(T0.plusSeconds(60));
    assertThat(harness.output()).isEqualTo(json("{\"n\": 1}"));
  }

  @Test
  void shouldTimeOutTaskWhenNoResultArrivesInTimeoutSeconds() {
    // given a task with TimeoutSeconds 10
    EngineHarness harness =
        EngineHarness.create().start(TASK_WITH_TIMEOUTS.formatted("\"TimeoutSeconds\": 10,"), "{}");
    TaskRequest task = harness.pendingTasks().get(0);
    assertThat(task.timeout()).isEqualTo(Duration.ofSeconds(10));

    // when no result arrives before the deadline
    harness.advance(Duration.ofSeconds(9));
    assertThat(harness.status()).isEqualTo(ExecutionStatus.RUNNING);
    harness.advance(Duration.ofSeconds(1));

    // then the task times out with States.Timeout and the execution fails with it
    HistoryEvent timedOut = harness.lastEvent("TaskTimedOut");
    assertThat(timedOut.timestamp()).isEqualTo(T0.plusSeconds(10));
    assertThat(timedOut.details()).containsEntry("error", "States.Timeout");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.Timeout");
    assertThat(harness.cancelledTasks()).contains(task.taskId());

    // and a result that arrives afterwards is refused
    assertThatThrownBy(() -> harness.completeTask(task, "{}"))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("TaskDoesNotExist"));
  }

  @Test
  void shouldPushTheHeartbeatDeadlineBackWhenTheTaskReportsHeartbeats() {
    // given a task that must report a heartbeat every 5 s
    EngineHarness harness =
        EngineHarness.create()
            .start(
                TASK_WITH_TIMEOUTS.formatted("\"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 5,"),
                "{}");
    assertThat(harness.pendingTasks().get(0).heartbeat()).isEqualTo(Duration.ofSeconds(5));

    // when it reports heartbeats at 4 s and 8 s, and the clock passes the first deadline
    harness.advance(Duration.ofSeconds(4)).heartbeat();
    harness.advance(Duration.ofSeconds(4)).heartbeat();
    harness.advance(Duration.ofSeconds(4));

    // then at 12 s the task still runs and its result is accepted
    assertThat(harness.eventTypes()).doesNotContain("TaskTimedOut");
    // and the heartbeats are recorded for replay but, as in AWS, not shown in the history
    assertThat(harness.events("TaskHeartbeat")).hasSize(2).noneMatch(HistoryEvent::visible);
    harness.completeTask("{\"ok\": true}");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("{\"ok\": true}"));

    // and later timers of the finished task change nothing
    harness.advance(Duration.ofMinutes(5));
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void shouldTimeOutWithHeartbeatTimeoutWhenHeartbeatsStop() {
    // given a task that must report a heartbeat every 5 s, which reports one at 4 s
    EngineHarness harness =
        EngineHarness.create()
            .start(
                TASK_WITH_TIMEOUTS.formatted("\"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 5,"),
                "{}");
    harness.advance(Duration.ofSeconds(4)).heartbeat();

    // when no further heartbeat comes
    harness.advance(Duration.ofMillis(4999));
    assertThat(harness.status()).isEqualTo(ExecutionStatus.RUNNING);
    harness.advance(Duration.ofMillis(1));

    // then 5 s after the last heartbeat the task times out with States.HeartbeatTimeout
    HistoryEvent timedOut = harness.lastEvent("TaskTimedOut");
    assertThat(timedOut.timestamp()).isEqualTo(T0.plusSeconds(9));
    assertThat(timedOut.details()).containsEntry("error", "States.HeartbeatTimeout");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.HeartbeatTimeout");
  }

  @Test
  void shouldTimeOutExecutionAfterItsTimeoutSeconds() {
    // given an execution limited to 30 s whose task never answers
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Work", "TimeoutSeconds": 30, "States": {
                  "Work": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "work"},
                    "End": true
                  }
                }}
                """,
                "{}");
    TaskRequest task = harness.pendingTasks().get(0);

    // when 29 s pass, it still runs
    harness.advance(Duration.ofSeconds(29));
    assertThat(harness.status()).isEqualTo(ExecutionStatus.RUNNING);

    // when 30 s have passed
    harness.advance(Duration.ofSeconds(1));

    // then the execution timed out at 30 s and its task is cancelled
    assertThat(harness.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    List<String> types = harness.eventTypes();
    assertThat(types.get(types.size() - 1)).isEqualTo("ExecutionTimedOut");
    assertThat(harness.lastEvent("ExecutionTimedOut").timestamp()).isEqualTo(T0.plusSeconds(30));
    assertThat(harness.cancelledTasks()).containsExactly(task.taskId());
    assertThat(harness.state().openTasks()).isEmpty();
    assertThat(harness.state().openTimers()).isEmpty();
  }

  @Test
  void shouldAbortWhenStopped() {
    // given an execution waiting for a task
    EngineHarness harness =
        EngineHarness.create().start(TASK_WITH_TIMEOUTS.formatted("\"TimeoutSeconds\": 60,"), "{}");
    TaskRequest task = harness.pendingTasks().get(0);

    // when an operator stops it
    harness.advance(Duration.ofSeconds(3)).stop("Operator.Stop", "no longer needed");

    // then it is aborted, its task is cancelled and no timer fires any more
    assertThat(harness.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(harness.error()).isEqualTo("Operator.Stop");
    assertThat(harness.cause()).isEqualTo("no longer needed");
    assertThat(harness.lastEvent("ExecutionAborted").timestamp()).isEqualTo(T0.plusSeconds(3));
    assertThat(harness.cancelledTasks()).containsExactly(task.taskId());
    int eventsWhenStopped = harness.history().size();
    harness.advance(Duration.ofMinutes(5));
    assertThat(harness.history()).hasSize(eventsWhenStopped);

    // when the task's result arrives late
    // then it is refused with TaskDoesNotExist and the history stays as it was
    assertThatThrownBy(() -> harness.completeTask(task, "{}"))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("TaskDoesNotExist"));
    assertThat(harness.history()).hasSize(eventsWhenStopped);

    // and stopping again is refused too
    assertThatThrownBy(() -> harness.stop(null, null))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.code()).isEqualTo("ExecutionNotRunning"));
  }

  @Test
  void shouldTimeOutActivityWhenNoResultArrivesInTimeoutSeconds() {
    // given an activity task with TimeoutSeconds 10
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Work", "States": {
                  "Work": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:us-east-1:111111111111:activity:work",
                    "TimeoutSeconds": 10,
                    "End": true
                  }
                }}
                """,
                "{}");

    // when no worker reports a result
    harness.advance(Duration.ofSeconds(10));

    // then the activity times out with States.Timeout
    assertThat(harness.eventTypes()).contains("ActivityTimedOut");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.Timeout");
  }

  @Test
  void shouldStartHeartbeatClockWhenAWorkerTakesTheActivity() {
    // given an activity task with HeartbeatSeconds 5 that no worker has taken for a minute
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Work", "States": {
                  "Work": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:us-east-1:111111111111:activity:work",
                    "HeartbeatSeconds": 5,
                    "End": true
                  }
                }}
                """,
                "{}");
    harness.advance(Duration.ofSeconds(60));
    long taskId = harness.pendingTasks().get(0).taskId();

    // when a worker takes it and then stays silent for 5 seconds
    harness.send(new Command.StartTask(taskId, "worker-1"));
    harness.advance(Duration.ofSeconds(5));

    // then the start is recorded with the worker's name and the heartbeat runs out from there
    assertThat(harness.events("ActivityStarted").get(0).details())
        .containsEntry("workerName", "worker-1");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.HeartbeatTimeout");
  }

  @Test
  void shouldFailAnExecutionWhoseHistoryReachesTheLimit() {
    // given a loop of states that need nothing outside, and a limit of 50 events
    EngineHarness harness =
        EngineHarness.withHistoryLimit(50)
            .start(
                """
                {"StartAt": "Loop", "States": {
                  "Loop": {"Type": "Pass", "Next": "Check"},
                  "Check": {"Type": "Choice",
                    "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Loop"}],
                    "Default": "Done"},
                  "Done": {"Type": "Succeed"}
                }}
                """,
                "{\"go\": true}");

    // then it fails at the first state boundary past the limit (a Pass or Choice records two
    // events, the failure one more), with States.Runtime naming the setting
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.Runtime");
    assertThat(harness.history()).hasSizeBetween(51, 53);
    assertThat(harness.lastEvent("ExecutionFailed").details().get("cause").toString())
        .contains("stepflow.executions.max-history-events");
  }
}
