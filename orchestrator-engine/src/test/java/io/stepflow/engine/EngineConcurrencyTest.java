package io.stepflow.engine;

import static io.stepflow.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parallel branches and Map iterations whose tasks end in any order. */
class EngineConcurrencyTest {

  private static Object parameter(TaskRequest task, String name) {
    return ((Map<?, ?>) task.parameters()).get(name);
  }

  private static String branch(String name) {
    return """
        {"StartAt": "%1$s", "States": {
          "%1$s": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "%1$s"},
            "End": true
          }
        }}
        """
        .formatted(name);
  }

  @Test
  void shouldRunParallelBranchesAndCollectResultsInOrder() {
    // given a Parallel state with three branches, each waiting for a task
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "All", "States": {
                  "All": {"Type": "Parallel", "Branches": [%s, %s, %s], "End": true}
                }}
                """
                    .formatted(branch("left"), branch("middle"), branch("right")),
                "{}");
    List<TaskRequest> tasks = harness.pendingTasks();
    assertThat(tasks)
        .extracting(t -> parameter(t, "FunctionName"))
        .containsExactly("left", "middle", "right");

    // when the tasks complete in reverse order
    harness.completeTask(tasks.get(2), "\"R\"");
    harness.completeTask(tasks.get(1), "\"M\"");

    // then the state waits for the last branch
    assertThat(harness.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(harness.eventTypes()).doesNotContain("ParallelStateSucceeded");

    harness.completeTask(tasks.get(0), "\"L\"");

    // then the results are in branch order, not completion order
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("[\"L\", \"M\", \"R\"]"));
    // (AWS's recorded histories show no ParallelStateSucceeded event)
    assertThat(harness.eventTypes())
        .containsSubsequence(
            "ParallelStateEntered",
            "ParallelStateStarted",
            "ParallelStateExited",
            "ExecutionSucceeded")
        .doesNotContain("ParallelStateSucceeded");
  }

  @Test
  void shouldFailTheParallelStateWhenOneBranchFails() {
    // given a Parallel state with two waiting branches
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "All", "States": {
                  "All": {"Type": "Parallel", "Branches": [%s, %s], "End": true}
                }}
                """
                    .formatted(branch("left"), branch("right")),
                "{}");
    List<TaskRequest> tasks = harness.pendingTasks();

    // when one branch's task fails
    harness.failTask(tasks.get(1), "Right.Broken", "no");

    // then the execution fails with that error and the other branch's task is cancelled
    assertThat(harness.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(harness.error()).isEqualTo("Right.Broken");
    assertThat(harness.cancelledTasks()).contains(tasks.get(0).taskId());
    assertThat(harness.state().openTasks()).isEmpty();
  }

  @Test
  void shouldRespectMaxConcurrencyInMap() {
    // given a Map over 5 items, at most 2 at a time, each item waiting for a task
    EngineHarness harness =
        EngineHarness.create()
            .start(
                """
                {"StartAt": "Each", "States": {
                  "Each": {
                    "Type": "Map",
                    "ItemsPath": "$.items",
                    "MaxConcurrency": 2,
                    "ItemProcessor": {
                      "ProcessorConfig": {"Mode": "INLINE"},
                      "StartAt": "Handle",
                      "States": {
                        "Handle": {
                          "Type": "Task",
                          "Resource": "arn:aws:states:::lambda:invoke",
                          "Parameters": {"FunctionName": "handle", "Payload.$": "$"},
                          "End": true
                        }
                      }
                    },
                    "End": true
                  }
                }}
                """,
                "{\"items\": [1, 2, 3, 4, 5]}");

    // then only the first 2 items' tasks are scheduled
    assertThat(harness.events("TaskScheduled")).hasSize(2);
    assertThat(harness.pendingTasks())
        .extracting(t -> parameter(t, "Payload"))
        .containsExactly(json("1"), json("2"));

    // when the second item's task completes
    harness.completeTask(harness.pendingTasks().get(1), "20");

    // then exactly one more item starts: the third
    assertThat(harness.events("TaskScheduled")).hasSize(3);
    assertThat(harness.pendingTasks())
        .extracting(t -> parameter(t, "Payload"))
        .containsExactly(json("1"), json("3"));

    // when the remaining tasks complete, newest first, never more than 2 running
    while (!harness.pendingTasks().isEmpty()) {
      List<TaskRequest> pending = harness.pendingTasks();
      assertThat(pending).hasSizeLessThanOrEqualTo(2);
      TaskRequest newest = pending.get(pending.size() - 1);
      int item = ((Number) parameter(newest, "Payload")).intValue();
      harness.completeTask(newest, String.valueOf(item * 10));
    }

    // then all 5 ran and the results are in item order
    assertThat(harness.events("TaskScheduled")).hasSize(5);
    assertThat(harness.events("MapIterationSucceeded")).hasSize(5);
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(harness.output()).isEqualTo(json("[10, 20, 30, 40, 50]"));
  }
}
