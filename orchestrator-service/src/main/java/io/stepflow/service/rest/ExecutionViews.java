package io.stepflow.service.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stepflow.service.execution.ExecutionRecord;
import io.stepflow.service.execution.HistoryView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/** What the execution resources answer with. */
final class ExecutionViews {

  private ExecutionViews() {}

  /** The statuses an execution can be in, for searching. */
  enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED,
    PENDING_REDRIVE
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Execution(
      String executionArn,
      String name,
      String stateMachineArn,
      String stateMachineName,
      String stateMachineVersionArn,
      String stateMachineAliasArn,
      String status,
      Instant startDate,
      Instant stopDate,
      @Schema(description = "The input, as a JSON value") Object input,
      @Schema(description = "The output once SUCCEEDED, as a JSON value") Object output,
      String error,
      String cause,
      @Schema(
              description =
                  "The execution whose Task state started this one"
                      + " (states:startExecution), if any")
          String parentExecutionArn) {

    static Execution of(ExecutionRecord e) {
      return new Execution(
          e.arn(),
          e.name(),
          e.stateMachineArn(),
          machineName(e),
          e.versionArn(),
          e.aliasArn(),
          e.status(),
          e.startDate(),
          e.stopDate(),
          JsonValues.embed(e.input()),
          JsonValues.embed(e.output()),
          e.error(),
          e.cause(),
          e.parentExecutionArn());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExecutionSummary(
      String executionArn,
      String name,
      String stateMachineArn,
      String stateMachineName,
      String stateMachineVersionArn,
      String stateMachineAliasArn,
      String status,
      Instant startDate,
      Instant stopDate) {

    static ExecutionSummary of(ExecutionRecord e) {
      return new ExecutionSummary(
          e.arn(),
          e.name(),
          e.stateMachineArn(),
          machineName(e),
          e.versionArn(),
          e.aliasArn(),
          e.status(),
          e.startDate(),
          e.stopDate());
    }
  }

  /** The answer to a redrive: the execution and when it was asked to run again. */
  record Redriving(String executionArn, Instant redriveDate) {}

  record Stopping(
      String executionArn,
      @Schema(description = "When the stop was asked for (or when it ended, if it had)")
          Instant stopDate) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Event(
      long id,
      long previousEventId,
      Instant timestamp,
      @Schema(example = "PassStateEntered") String type,
      @Schema(
              description =
                  "The event's details as AWS names them (stateEnteredEventDetails etc.), with"
                      + " input, output and parameters as JSON values")
          Map<String, Object> details) {

    static Event of(HistoryView.Event view) {
      var e = view.event();
      return new Event(view.id(), view.previousEventId(), e.timestamp(), e.type(), e.details());
    }
  }

  private static String machineName(ExecutionRecord e) {
    String arn = e.stateMachineArn();
    return arn.substring(arn.lastIndexOf(':') + 1);
  }
}
