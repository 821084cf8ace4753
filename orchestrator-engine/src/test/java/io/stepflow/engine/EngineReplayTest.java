package io.stepflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.asl.model.StateMachine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history is the source of truth: replaying it rebuilds a state that decides alike. */
class EngineReplayTest {

  private static final String DEFINITION =
      """
      {"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Fetch"},
        "Fetch": {
          "Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "fetch"},
          "ResultPath": "$.items",
          "Next": "Each"
        },
        "Each": {
          "Type": "Map",
          "ItemsPath": "$.items",
          "MaxConcurrency": 2,
          "ItemProcessor": {
            "StartAt": "Handle",
            "States": {
              "Handle": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "handle", "Payload.$": "$",
                               "Attempt.$": "$$.State.RetryCount"},
                "TimeoutSeconds": 30,
                "HeartbeatSeconds": 10,
                "Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 3}],
                "ResultSelector": {"handled.$": "$"},
                "End": true
              }
            }
          },
          "ResultPath": "$.results",
          "End": true
        }
      }}
      """;

  @Test
  void shouldRebuildTheSameStateWhenTheHistoryIsReplayed() {
    // given an execution run partway: past a Wait and a Task, inside a Map with one iteration
    // waiting to be retried and another waiting for its task, which reported a heartbeat
    EngineHarness harness = EngineHarness.create().start(DEFINITION, "{\"batch\": 1}");
    harness.advance(Duration.ofSeconds(10));
    harness.completeTask("[\"a\", \"b\", \"c\"]");
    List<TaskRequest> first = harness.pendingTasks();
    assertThat(first).hasSize(2);
    harness.advance(Duration.ofSeconds(1));
    harness.failTask(first.get(0), "Transient", "blip");
    harness.completeTask(first.get(1), "\"B\"");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(harness.pendingTasks()).hasSize(1); // item c; item a waits for its retry
    harness.advance(Duration.ofSeconds(1));
    harness.heartbeat();

    ExecutionState live = harness.state();
    StateMachine machine = harness.machine();

    // when the stored history is replayed into a fresh state
    ExecutionState replayed = ExecutionState.replay(harness.info(), machine, harness.history());

    // then it knows what the live state knows
    assertThat(replayed.status()).isEqualTo(live.status());
    assertThat(replayed.lastEventId()).isEqualTo(live.lastEventId());
    assertThat(sorted(replayed.openTasks())).isEqualTo(sorted(live.openTasks()));
    assertThat(sorted(replayed.openTimers())).isEqualTo(sorted(live.openTimers()));
    assertThat(replayed)
        .usingRecursiveComparison()
        .ignoringFieldsOfTypes(StateMachine.class)
        .isEqualTo(live);

    // when both receive the same commands: the retry timer fires, then every task completes
    ExecutionProcessor processor = new ExecutionProcessor(harness.settings());
    long retryTimer = retryTimerOf(harness);
    harness.clock().advance(Duration.ofSeconds(3));
    List<Decision> liveDecisions = new ArrayList<>();
    List<Decision> replayedDecisions = new ArrayList<>();
    Command fire = new Command.FireTimer(retryTimer);
    liveDecisions.add(processor.handle(live, fire));
    replayedDecisions.add(processor.handle(replayed, fire));

    harness.clock().advance(Duration.ofSeconds(1));
    while (!live.openTasks().isEmpty()) {
      long task = sorted(live.openTasks()).get(live.openTasks().size() - 1);
      Command done = new Command.SucceedTask(task, "done-" + task);
      liveDecisions.add(processor.handle(live, done));
      replayedDecisions.add(processor.handle(replayed, done));
    }

    // then they emit identical events (ids, types, timestamps, details) and effects
    assertThat(liveDecisions).hasSize(3);
    for (int i = 0; i < liveDecisions.size(); i++) {
      Decision expected = liveDecisions.get(i);
      Decision actual = replayedDecisions.get(i);
      assertThat(actual.events())
          .extracting(HistoryEvent::type)
          .isEqualTo(expected.events().stream().map(HistoryEvent::type).toList());
      assertThat(actual.events()).isEqualTo(expected.events());
      assertThat(actual.effects()).isEqualTo(expected.effects());
    }
    assertThat(liveDecisions.get(0).events())
        .extracting(HistoryEvent::type)
        .containsExactly("TaskScheduled", "TaskStarted");
    @SuppressWarnings("unchecked")
    Map<String, Object> retried =
        (Map<String, Object>) liveDecisions.get(0).events().get(0).details().get("parameters");
    assertThat(retried).containsEntry("Payload", "a").containsEntry("Attempt", 1);

    // and both end the same way
    assertThat(replayed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(replayed.output()).isEqualTo(live.output());
  }

  @Test
  void shouldRebuildTheFinishedStateWhenTheWholeHistoryIsReplayed() {
    // given a finished execution with a Wait, Tasks, a retry and a Map
    EngineHarness harness = EngineHarness.create().start(DEFINITION, "{}");
    harness.advance(Duration.ofSeconds(10));
    harness.completeTask("[1, 2]");
    List<TaskRequest> first = harness.pendingTasks();
    harness.failTask(first.get(0), "Transient", "blip");
    harness.completeTask(first.get(1), "2");
    harness.advance(Duration.ofSeconds(3));
    harness.completeTask("1");
    assertThat(harness.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<HistoryEvent> history = harness.history();

    // when the whole history is replayed
    ExecutionState replayed = ExecutionState.replay(harness.info(), harness.machine(), history);

    // then the replayed state equals the live one
    assertThat(replayed)
        .usingRecursiveComparison()
        .ignoringFieldsOfTypes(StateMachine.class)
        .isEqualTo(harness.state());
    assertThat(replayed.output()).isEqualTo(harness.output());
  }

  private static long retryTimerOf(EngineHarness harness) {
    return harness.history().stream()
        .filter(e -> e.internal().get("retryAt") != null)
        .reduce((a, b) -> b)
        .orElseThrow()
        .id();
  }

  private static List<Long> sorted(List<Long> ids) {
    return ids.stream().sorted().toList();
  }
}
