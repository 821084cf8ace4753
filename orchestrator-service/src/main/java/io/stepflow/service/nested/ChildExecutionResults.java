package io.stepflow.service.nested;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.IntegrationPattern;
import io.stepflow.engine.Command;
import io.stepflow.service.execution.CommandInbox;
import io.stepflow.service.execution.ExecutionEndListener;
import io.stepflow.service.execution.ExecutionRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Completes a parent's {@code .sync} or {@code .sync:2} task when its child ends: the parent's
 * SucceedTask or FailTask is queued in the transaction that records the child's end, so a crash
 * loses neither or both. A child that FAILED, TIMED_OUT or was ABORTED fails the task with
 * States.TaskFailed and, as AWS does, the child's description as the cause.
 */
@Component
class ChildExecutionResults implements ExecutionEndListener {

  /** What a failed child fails its parent's task with. */
  static final String TASK_FAILED = "States.TaskFailed";

  private final NestedExecutionLinks links;
  private final CommandInbox inbox;
  private final Clock clock;

  ChildExecutionResults(NestedExecutionLinks links, CommandInbox inbox, Clock clock) {
    this.links = links;
    this.inbox = inbox;
    this.clock = clock;
  }

  @Override
  public void ended(ExecutionRecord child) {
    links
        .byChild(child.arn())
        .filter(link -> waitsForTheEnd(link.pattern()))
        .ifPresent(
            link -> {
              Map<String, Object> description =
                  describe(child, link.pattern() == IntegrationPattern.RUN_JOB_V2);
              Command command =
                  "SUCCEEDED".equals(child.status())
                      ? new Command.SucceedTask(link.parentTaskId(), description)
                      : new Command.FailTask(
                          link.parentTaskId(), TASK_FAILED, Json.write(description));
              inbox.enqueue(link.parentArn(), command, clock.instant());
            });
  }

  static boolean waitsForTheEnd(IntegrationPattern pattern) {
    return pattern == IntegrationPattern.RUN_JOB || pattern == IntegrationPattern.RUN_JOB_V2;
  }

  /**
   * The child as the {@code .sync} integrations report it: DescribeExecution's fields with AWS's
   * capitalised names and dates in milliseconds since the epoch; the output as JSON text for {@code
   * .sync}, as a JSON value for {@code .sync:2}.
   */
  static Map<String, Object> describe(ExecutionRecord e, boolean parsedOutput) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ExecutionArn", e.arn());
    out.put("StateMachineArn", e.stateMachineArn());
    out.put("Name", e.name());
    out.put("Status", e.status());
    out.put("StartDate", millis(e.startDate()));
    putIfSet(out, "StopDate", millis(e.stopDate()));
    out.put("Input", e.input());
    out.put("InputDetails", Map.of("Included", true));
    if (e.output() != null) {
      out.put("Output", parsedOutput ? Json.parse(e.output()) : e.output());
      out.put("OutputDetails", Map.of("Included", true));
    }
    putIfSet(out, "Error", e.error());
    putIfSet(out, "Cause", e.cause());
    putIfSet(out, "StateMachineVersionArn", e.versionArn());
    putIfSet(out, "StateMachineAliasArn", e.aliasArn());
    return out;
  }

  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static void putIfSet(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
