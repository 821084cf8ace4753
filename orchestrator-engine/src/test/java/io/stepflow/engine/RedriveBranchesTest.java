package io.stepflow.engine;

import static io.stepflow.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redriving an execution that failed inside a Parallel or inline Map state: only the branches and
 * iterations that failed or were aborted run again, each from the state it did not finish.
 */
class RedriveBranchesTest {

  private static Object parameter(TaskRequest task, String name) {
    return ((Map<?, ?>) task.parameters()).get(name);
  }

  private static TaskRequest pending(EngineHarness harness, String name, Object value) {
    return harness.pendingTasks().stream()
        .filter(t -> value.equals(parameter(t, name)))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "Expected a pending task with "
                        + name
                        + "="
                        + value
                        + ", but found "
                        + harness.pendingTasks()));
  }

  private static long scheduledFor(EngineHarness harness, String name, Object value) {
    return harness.dispatched().stream().filter(t -> value.equals(parameter(t, name))).count();
  }

  private static String task(String name, String next) {
    return """
        "%s": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"FunctionName": "%s"}, %s}
        """
        .formatted(name, name, next == null ? "\"End\": true" : "\"Next\": \"" + next + "\"");
  }

  /** Three branches: a task; a Pass then a task; a Pass alone. */
  private static final String PARALLEL =
      """
      {"StartAt": "All", "States": {
        "All": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Left", "States": {%s}},
          {"StartAt": "Prepare", "States": {
            "Prepare": {"Type": "Pass", "Result": "prepared", "ResultPath": "$.prep", "Next": "Middle"},
            %s}},
          {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "Result": "R", "End": true}}}
        ]}
      }}
      """
          .formatted(task("Left", null), task("Middle", null));

  private static final String MAP =
      """
      {"StartAt": "Each", "States": {
        "Each": {
          "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": %d, %s
          "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"},
            "StartAt": "Handle",
            "States": {
              "Handle": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"Item.$": "$"}, "End": true}
            }
          },
          "End": true
        }
      }}
      """;

  private static final String MAP_OF_PARALLEL =
      """
      {"StartAt": "Each", "States": {
        "Each": {
          "Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {
            "ProcessorConfig": {"Mode": "INLINE"},
            "StartAt": "Both",
            "States": {
              "Both": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "X", "States": {"X": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"Part": "x", "Item.$": "$"}, "End": true}}},
                {"StartAt": "Y", "States": {"Y": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"Part": "y", "Item.$": "$"}, "End": true}}}
              ]}
            }
          },
          "End": true
        }
      }}
      """;

  private static EngineHarness failedParallel() {
    EngineHarness harness = EngineHarness.create().start(PARALLEL, "{\"n\": 1}");
    harness.failTask(pending(harness, "FunctionName", "Middle"), "Boom", "middle failed");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    return harness;
  }

  @Test
  void shouldRerunOnlyFailedAndAbortedBranchesWhenAParallelIsRedriven() {
    // given a Parallel whose middle branch failed while the left one still waited for its task
    EngineHarness harness = failedParallel();
    assertThat(harness.eventTypes()).contains("TaskStateAborted");

    // when it is redriven
    harness.send(new Command.RedriveExecution());

    // then the aborted and the failed branch run again, from their unfinished task states
    assertThat(harness.pendingTasks())
        .extracting(t -> parameter(t, "FunctionName"))
        .containsExactly("Left", "Middle");
    assertThat(harness.history().stream().filter(e -> e.type().equals("PassStateEntered")))
        .extracting(e -> e.details().get("name"))
        .containsExactly("Prepare", "Right");
    assertThat(
            harness.history().stream()
                .filter(e -> e.type().equals("TaskStateEntered"))
                .map(e -> e.details().get("name"))
                .toList())
        .containsExactly("Left", "Middle", "Left", "Middle");
    assertThat(harness.lastEvent("TaskStateEntered").details().get("input"))
        .isEqualTo(json("{\"n\": 1, \"prep\": \"prepared\"}"));

    // and when both tasks succeed this time
    harness.completeTask(pending(harness, "FunctionName", "Middle"), "\"M\"");
    harness.completeTask(pending(harness, "FunctionName", "Left"), "\"L\"");

    // then the Parallel's output holds every branch's result in branch order
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("[\"L\", \"M\", \"R\"]"));
    assertThat(harness.eventTypes())
        .containsSubsequence(
            "ExecutionFailed",
            "ExecutionRedriven",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "TaskStateEntered",
            "ParallelStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void shouldKeepASucceededBranchResultWhenTheParallelIsRedrivenTwice() {
    // given a redriven Parallel whose left branch succeeds and middle branch fails again
    EngineHarness harness = failedParallel();
    harness.send(new Command.RedriveExecution());
    harness.completeTask(pending(harness, "FunctionName", "Left"), "\"L\"");
    harness.failTask(pending(harness, "FunctionName", "Middle"), "Boom", "again");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);

    // when it is redriven a second time and the middle task succeeds
    harness.send(new Command.RedriveExecution());
    harness.completeTask("\"M\"");

    // then the left task ran twice in all (first try aborted, then succeeded) and not a third time
    assertThat(scheduledFor(harness, "FunctionName", "Left")).isEqualTo(2);
    assertThat(scheduledFor(harness, "FunctionName", "Middle")).isEqualTo(3);
    assertThat(harness.output()).isEqualTo(json("[\"L\", \"M\", \"R\"]"));
    assertThat(harness.state().redriveCount()).isEqualTo(2);
  }

  @Test
  void shouldRerunOnlyUnfinishedBranchesWhenAStoppedParallelIsRedriven() {
    // given a Parallel stopped while its left branch waited and after its middle branch succeeded
    EngineHarness harness = EngineHarness.create().start(PARALLEL, "{}");
    harness.completeTask(pending(harness, "FunctionName", "Middle"), "\"M\"");
    harness.stop("Stopped", "by hand");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.ABORTED);

    // when it is redriven
    harness.send(new Command.RedriveExecution());

    // then only the left branch's task runs again
    harness.completeTask("\"L\"");
    assertThat(harness.output()).isEqualTo(json("[\"L\", \"M\", \"R\"]"));
    assertThat(scheduledFor(harness, "FunctionName", "Middle")).isEqualTo(1);
    assertThat(scheduledFor(harness, "FunctionName", "Left")).isEqualTo(2);
  }

  @Test
  void shouldRerunOnlyUnsuccessfulIterationsWhenAMapIsRedriven() {
    // given a Map over four items, two at a time, whose second item failed after the first
    // succeeded: the third was aborted and the fourth never started
    EngineHarness harness =
        EngineHarness.create().start(MAP.formatted(2, ""), "{\"items\": [0, 1, 2, 3]}");
    harness.completeTask(pending(harness, "Item", 0), "\"r0\"");
    harness.failTask(pending(harness, "Item", 1), "Boom", "item 1 failed");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(scheduledFor(harness, "Item", 3)).isZero();

    // when it is redriven
    harness.send(new Command.RedriveExecution());

    // then items 1 and 2 run again, at most two at a time, and item 0 does not
    assertThat(harness.pendingTasks()).extracting(t -> parameter(t, "Item")).containsExactly(1, 2);
    harness.completeTask(pending(harness, "Item", 2), "\"r2\"");
    assertThat(harness.pendingTasks()).extracting(t -> parameter(t, "Item")).containsExactly(1, 3);
    harness.completeTask(pending(harness, "Item", 1), "\"r1\"");
    harness.completeTask(pending(harness, "Item", 3), "\"r3\"");

    // then the output holds every item's result in item order
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("[\"r0\", \"r1\", \"r2\", \"r3\"]"));
    assertThat(scheduledFor(harness, "Item", 0)).isEqualTo(1);
    assertThat(harness.events("MapIterationStarted"))
        .extracting(e -> e.details().get("index"))
        .containsExactly(0, 1, 2, 1, 2, 3);
  }

  @Test
  void shouldRedriveTheSameMapRunAndRerunOnlyItsFailedIterationsWhenTheMapIsDistributed() {
    // given a distributed Map over three items whose second failed
    String distributed =
        MAP.formatted(0, "")
            .replace(
                "\"ProcessorConfig\": {\"Mode\": \"INLINE\"}",
                "\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}");
    EngineHarness harness = EngineHarness.create().start(distributed, "{\"items\": [0, 1, 2]}");
    harness.completeTask(pending(harness, "Item", 0), "\"r0\"");
    harness.completeTask(pending(harness, "Item", 2), "\"r2\"");
    harness.failTask(pending(harness, "Item", 1), "Boom", "item 1 failed");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    Object mapRun = harness.events("MapRunStarted").getFirst().details().get("mapRunArn");

    // when it is redriven
    harness.send(new Command.RedriveExecution());

    // then the same Map Run is redriven once, and only item 1 runs again
    assertThat(harness.events("MapRunRedriven"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.details().get("mapRunArn")).isEqualTo(mapRun);
              assertThat(e.details().get("redriveCount")).isEqualTo(1);
            });
    assertThat(harness.pendingTasks()).extracting(t -> parameter(t, "Item")).containsExactly(1);
    harness.completeTask("\"r1\"");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("[\"r0\", \"r1\", \"r2\"]"));
    assertThat(scheduledFor(harness, "Item", 0)).isEqualTo(1);
    assertThat(harness.events("MapRunSucceeded")).hasSize(1);
    assertThat(snapshot(harness.replay())).isEqualTo(snapshot(harness.state()));
  }

  @Test
  void shouldApplyToleratedFailuresAgainWhenAMapIsRedriven() {
    // given a Map that tolerates one failed item, and two of its three items failed
    EngineHarness harness =
        EngineHarness.create()
            .start(MAP.formatted(0, "\"ToleratedFailureCount\": 1,"), "{\"items\": [0, 1, 2]}");
    harness.completeTask(pending(harness, "Item", 0), "\"r0\"");
    harness.failTask(pending(harness, "Item", 1), "Boom", "one");
    harness.failTask(pending(harness, "Item", 2), "Boom", "two");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("States.ExceedToleratedFailureThreshold");

    // when it is redriven and one of the two fails again
    harness.send(new Command.RedriveExecution());
    harness.failTask(pending(harness, "Item", 1), "Boom", "once more");
    harness.completeTask(pending(harness, "Item", 2), "\"r2\"");

    // then that one failure is tolerated and its error stands in for its result
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output())
        .isEqualTo(json("[\"r0\", {\"Error\": \"Boom\", \"Cause\": \"once more\"}, \"r2\"]"));
  }

  private static EngineHarness failedMapOfParallel() {
    EngineHarness harness =
        EngineHarness.create().start(MAP_OF_PARALLEL, "{\"items\": [\"a\", \"b\"]}");
    harness.completeTask(pending(harness, "Item", "a"), "\"xa\"");
    harness.completeTask(pending(harness, "Item", "a"), "\"ya\"");
    harness.completeTask(pending(harness, "Part", "x"), "\"xb\"");
    harness.failTask(pending(harness, "Part", "y"), "Boom", "y of b failed");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    return harness;
  }

  @Test
  void shouldRerunOnlyTheFailedBranchOfTheFailedIterationWhenNested() {
    // given a Map of Parallels where only the second branch of the second item failed
    EngineHarness harness = failedMapOfParallel();

    // when it is redriven
    harness.send(new Command.RedriveExecution());

    // then only that branch's task runs again
    assertThat(harness.pendingTasks())
        .extracting(t -> List.of(parameter(t, "Part"), parameter(t, "Item")))
        .containsExactly(List.of("y", "b"));
    harness.completeTask("\"yb\"");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("[[\"xa\", \"ya\"], [\"xb\", \"yb\"]]"));
    assertThat(harness.dispatched()).hasSize(5);
  }

  @Test
  void shouldKeepTheSucceededBranchOfAnIterationThatTheFirstOfTwoRedrivesNeverStarted() {
    // given a Map of Parallels, one iteration at a time, tolerating one failure: in both items
    // branch X succeeded and branch Y failed, so the Map failed
    String definition =
        MAP_OF_PARALLEL.replace(
            "\"ItemsPath\": \"$.items\",",
            "\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 1, \"ToleratedFailureCount\": 1,");
    EngineHarness harness = EngineHarness.create().start(definition, "{\"items\": [\"a\", \"b\"]}");
    harness.completeTask(pending(harness, "Part", "x"), "\"xa\"");
    harness.failTask(pending(harness, "Part", "y"), "Boom", "y of a failed");
    harness.completeTask(pending(harness, "Part", "x"), "\"xb\"");
    harness.failTask(pending(harness, "Part", "y"), "Boom", "y of b failed");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);

    // when it is redriven, stopped while item a's branch Y runs again (item b never started),
    // and redriven a second time
    harness.send(new Command.RedriveExecution());
    assertThat(harness.pendingTasks())
        .extracting(t -> List.of(parameter(t, "Part"), parameter(t, "Item")))
        .containsExactly(List.of("y", "a"));
    harness.stop("Stopped", "by hand");
    harness.send(new Command.RedriveExecution());
    harness.completeTask(pending(harness, "Item", "a"), "\"ya\"");

    // then item b runs only its branch Y, and its branch X keeps the result it had
    assertThat(harness.pendingTasks())
        .extracting(t -> List.of(parameter(t, "Part"), parameter(t, "Item")))
        .containsExactly(List.of("y", "b"));
    harness.completeTask("\"yb\"");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("[[\"xa\", \"ya\"], [\"xb\", \"yb\"]]"));
    assertThat(harness.dispatched().stream().filter(t -> "x".equals(parameter(t, "Part"))))
        .hasSize(2);
    assertThat(snapshot(harness.replay())).isEqualTo(snapshot(harness.state()));
  }

  @Test
  void shouldRebuildTheSameStateFromARedrivenHistory() {
    // given a nested execution redriven once and waiting for its redriven task
    EngineHarness harness = failedMapOfParallel();
    harness.send(new Command.RedriveExecution());

    // when its history is replayed, then the rebuilt branches match the live ones
    assertThat(snapshot(harness.replay())).isEqualTo(snapshot(harness.state()));
    assertThat(harness.replay().openTasks()).isEqualTo(harness.state().openTasks());

    // and when it then ends, the replayed history ends the same way
    harness.completeTask("\"yb\"");
    ExecutionState replayed = harness.replay();
    assertThat(replayed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(replayed.output()).isEqualTo(harness.output());
    assertThat(snapshot(replayed)).isEqualTo(snapshot(harness.state()));
  }

  @Test
  void shouldResetRetryAttemptsOfARedrivenBranch() {
    // given a Parallel branch whose task retries once and then fails
    String definition =
        """
        {"StartAt": "All", "States": {
          "All": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Work", "States": {"Work": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "w"},
              "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1, "IntervalSeconds": 1}],
              "End": true}}}
          ]}
        }}
        """;
    EngineHarness harness = EngineHarness.create().start(definition, "{}");
    harness.failTask("Boom", "first");
    harness.advance(Duration.ofSeconds(1));
    harness.failTask("Boom", "second");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);

    // when it is redriven and the task fails once more
    harness.send(new Command.RedriveExecution());
    harness.failTask("Boom", "third");
    harness.advance(Duration.ofSeconds(1));

    // then the retrier has its attempt again, and the retried task can succeed
    assertThat(harness.status()).isEqualTo(ExecutionStatus.RUNNING);
    harness.completeTask("\"ok\"");
    assertThat(harness.output()).isEqualTo(json("[\"ok\"]"));
    assertThat(harness.dispatched()).hasSize(4);
  }

  /** What each branch is doing, by id: enough to tell two states apart. */
  private static Map<String, String> snapshot(ExecutionState s) {
    Map<String, String> view = new LinkedHashMap<>();
    s.branches.forEach(
        (id, b) ->
            view.put(
                id,
                b.status
                    + " at "
                    + b.state
                    + " data="
                    + b.data
                    + " finished="
                    + b.finished
                    + "/"
                    + b.children.size()
                    + " failed="
                    + b.failed
                    + " retries="
                    + b.retryCount
                    + " results="
                    + java.util.Arrays.toString(b.results)
                    + " started="
                    + b.started
                    + " cursor="
                    + b.cursor
                    + " inState="
                    + b.inState
                    + " resume="
                    + b.resume
                    + " children@"
                    + b.childrenEventId
                    + " submitted="
                    + b.taskSubmitted));
    return view;
  }
}
