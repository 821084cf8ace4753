package io.stepflow.engine;

import static io.stepflow.engine.EngineHarness.T0;
import static io.stepflow.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retry intervals, backoff, caps and jitter; Catch and which errors it matches. */
class EngineRetryAndCatchTest {

  private static String retryingTask(String retrier) {
    return """
        {"StartAt": "Work", "States": {
          "Work": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "work"},
            "Retry": [%s],
            "End": true
          }
        }}
        """
        .formatted(retrier);
  }

  private static List<Instant> scheduledTimes(EngineHarness harness) {
    return harness.events("TaskScheduled").stream().map(HistoryEvent::timestamp).toList();
  }

  @Test
  void shouldRetryWithBackoffWhenTaskFails() {
    // given a task retried after 2 s, then 3 times longer each time
    EngineHarness harness =
        EngineHarness.create()
            .start(
                retryingTask(
                    """
                    {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 3,
                     "MaxAttempts": 3}
                    """),
                "{}");
    assertThat(scheduledTimes(harness)).containsExactly(T0);

    // when the first attempt fails
    harness.failTask("Service.Unavailable", "try later");

    // then the second attempt is scheduled exactly 2 s later, not a millisecond earlier
    harness.advance(Duration.ofMillis(1999));
    assertThat(scheduledTimes(harness)).containsExactly(T0);
    harness.advance(Duration.ofMillis(1));
    assertThat(scheduledTimes(harness)).containsExactly(T0, T0.plusSeconds(2));

    // when the second attempt fails too
    harness.failTask("Service.Unavailable", "try later");

    // then the third attempt comes 6 s (2 s * 3) after that
    harness.advance(Duration.ofMillis(5999));
    assertThat(scheduledTimes(harness)).hasSize(2);
    harness.advance(Duration.ofMillis(1));
    assertThat(scheduledTimes(harness)).containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(8));

    // and a success ends the execution with the task's result
    harness.completeTask("{\"done\": true}");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("{\"done\": true}"));
    assertThat(harness.events("TaskFailed")).hasSize(2);
  }

  @Test
  void shouldFailTheExecutionWhenRetriesAreExhausted() {
    // given a task retried twice
    EngineHarness harness =
        EngineHarness.create()
            .start(
                retryingTask(
                    """
                    {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2}
                    """),
                "{}");

    // when every attempt fails
    for (int attempt = 0; attempt < 3; attempt++) {
      harness.failTask("Service.Unavailable", "attempt " + attempt);
      harness.advance(Duration.ofSeconds(10));
    }

    // then the execution fails with the last attempt's error after three scheduled attempts
    assertThat(harness.events("TaskScheduled")).hasSize(3);
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("Service.Unavailable");
    assertThat(harness.cause()).isEqualTo("attempt 2");
  }

  @Test
  void shouldCapRetryIntervalsAtMaxDelaySeconds() {
    // given intervals of 10 s growing tenfold, capped at 15 s
    EngineHarness harness =
        EngineHarness.create()
            .start(
                retryingTask(
                    """
                    {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 10,
                     "MaxDelaySeconds": 15, "MaxAttempts": 3}
                    """),
                "{}");

    // when every attempt fails
    for (int attempt = 0; attempt < 4; attempt++) {
      harness.failTask("Service.Unavailable", "busy");
      harness.advance(Duration.ofSeconds(100));
    }

    // then the retries wait 10 s, then 15 s twice instead of 100 s and 1000 s
    List<HistoryEvent> failures = harness.events("TaskFailed");
    List<Instant> scheduled = scheduledTimes(harness);
    assertThat(scheduled).hasSize(4);
    List<Duration> waits = new ArrayList<>();
    for (int i = 1; i < scheduled.size(); i++) {
      waits.add(Duration.between(failures.get(i - 1).timestamp(), scheduled.get(i)));
    }
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(15));
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void shouldKeepFullJitterWithinZeroAndTheBackoffDelay() {
    String definition =
        retryingTask(
            """
            {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 2,
             "MaxAttempts": 6, "JitterStrategy": "FULL"}
            """);

    // given a seeded random generator
    EngineHarness harness = EngineHarness.seeded(7).start(definition, "{}");

    // when every attempt fails
    List<Duration> waits = failEveryAttempt(harness, 6);

    // then each wait lies in [0, IntervalSeconds * BackoffRate^attempt]
    for (int attempt = 0; attempt < waits.size(); attempt++) {
      Duration nominal = Duration.ofSeconds(10L << attempt);
      assertThat(waits.get(attempt)).isBetween(Duration.ZERO, nominal);
    }
    // and jitter actually shortens waits
    assertThat(waits).anySatisfy(w -> assertThat(w).isLessThan(Duration.ofSeconds(10)));

    // and the same seed gives the same waits
    EngineHarness again = EngineHarness.seeded(7).start(definition, "{}");
    assertThat(failEveryAttempt(again, 6)).isEqualTo(waits);
  }

  /** Fails each attempt, waiting the longest possible interval in between; returns the waits. */
  private static List<Duration> failEveryAttempt(EngineHarness harness, int retries) {
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 0; attempt < retries; attempt++) {
      Instant failedAt = harness.now();
      harness.failTask("Service.Unavailable", "busy");
      harness.advance(Duration.ofSeconds(10L << attempt));
      List<Instant> scheduled = scheduledTimes(harness);
      assertThat(scheduled).hasSize(attempt + 2);
      waits.add(Duration.between(failedAt, scheduled.get(attempt + 1)));
    }
    return waits;
  }

  @Test
  void shouldCatchErrorAndContinueWithResultPath() {
    // given a task whose errors are caught into $.failure
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Charge", "States": {
                  "Charge": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "charge"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure",
                               "Next": "Recover"}],
                    "Next": "Done"
                  },
                  "Recover": {"Type": "Pass", "Result": "refunded", "ResultPath": "$.recovery",
                              "End": true},
                  "Done": {"Type": "Succeed"}
                }}
                """,
                "{\"order\": 7}");

    // when the task fails
    harness.failTask("Payment.Declined", "card expired");

    // then the error joins the input at the ResultPath and the catcher's Next runs
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output())
        .isEqualTo(
            json(
                """
                {"order": 7,
                 "failure": {"Error": "Payment.Declined", "Cause": "card expired"},
                 "recovery": "refunded"}
                """));
    assertThat(harness.eventTypes())
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void shouldNotCatchRuntimeErrorsWithStatesAll() {
    // given a task whose OutputPath names a field its result lacks, with Retry and Catch on
    // States.ALL
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Work", "States": {
                  "Work": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "work"},
                    "OutputPath": "$.missing",
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],
                    "End": true
                  },
                  "Recover": {"Type": "Pass", "End": true}
                }}
                """,
                "{}");

    // when the task succeeds and its output cannot be processed
    harness.completeTask("{\"present\": 1}");
    harness.advance(Duration.ofMinutes(1));

    // then States.Runtime fails the execution: neither retried nor caught
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.Runtime");
    assertThat(harness.events("TaskScheduled")).hasSize(1);
    assertThat(harness.eventTypes()).doesNotContain("PassStateEntered");
  }

  @Test
  void shouldNotMatchTimeoutWithStatesTaskFailed() {
    String definition =
        """
        {"StartAt": "Work", "States": {
          "Work": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "work"},
            "TimeoutSeconds": 5,
            "Catch": [
              {"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.caught",
               "Next": "TaskFailedHandler"},
              {"ErrorEquals": ["States.Timeout"], "ResultPath": "$.caught",
               "Next": "TimeoutHandler"}
            ],
            "End": true
          },
          "TaskFailedHandler": {"Type": "Pass", "Result": "task failed", "End": true},
          "TimeoutHandler": {"Type": "Pass", "Result": "timed out", "End": true}
        }}
        """;

    // given a task that times out after 5 s
    EngineHarness timedOut = EngineHarness.create().start(definition, "{}");

    // when no result arrives in time
    timedOut.advance(Duration.ofSeconds(5));

    // then States.TaskFailed does not match States.Timeout; the next catcher does
    assertThat(timedOut.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(timedOut.output()).isEqualTo("timed out");

    // and an ordinary task error is matched by States.TaskFailed
    EngineHarness failed = EngineHarness.create().start(definition, "{}");
    failed.failTask("Custom.Error", "broken");
    assertThat(failed.output()).isEqualTo("task failed");
  }
}
