package io.stepflow.service.rest;

import io.stepflow.service.Arns;
import io.stepflow.service.StepflowException;
import io.stepflow.service.execution.ExecutionQuery;
import io.stepflow.service.execution.ExecutionRecord;
import io.stepflow.service.execution.ExecutionService;
import io.stepflow.service.execution.HistoryView;
import io.stepflow.service.rest.ExecutionViews.Event;
import io.stepflow.service.rest.ExecutionViews.Execution;
import io.stepflow.service.rest.ExecutionViews.ExecutionSummary;
import io.stepflow.service.rest.ExecutionViews.Redriving;
import io.stepflow.service.rest.ExecutionViews.Status;
import io.stepflow.service.rest.ExecutionViews.Stopping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Executions: started under their state machine, found by ARN (URL-encoded) or by state machine and
 * execution name, searched across state machines, stopped, and their history read.
 */
@RestController
@Tag(name = "Executions")
class ExecutionController {

  private static final String BY_ARN = "/api/v1/executions/{executionArn}";
  private static final String BY_NAME =
      "/api/v1/state-machines/{stateMachineName}/executions/{executionName}";

  record Start(
      @Schema(description = "The execution's name, unique per state machine; default: a UUID")
          String name,
      @Schema(description = "The input, any JSON value; default {}") JsonNode input) {}

  record Stop(String error, String cause) {}

  private final ExecutionService executions;
  private final Arns arns;

  ExecutionController(@Lazy ExecutionService executions, @Lazy Arns arns) {
    this.executions = executions;
    this.arns = arns;
  }

  @PostMapping("/api/v1/state-machines/{stateMachineName}/executions")
  @Operation(
      summary = "Start an execution",
      description =
          "stateMachineName may name a version (orders:3) or an alias (orders:prod). Starting"
              + " again with the same name and input answers with the running execution.")
  ResponseEntity<Execution> start(
      @PathVariable("stateMachineName") String stateMachineName,
      @RequestBody(required = false) Start body) {
    Start start = body == null ? new Start(null, null) : body;
    ExecutionRecord e =
        executions.start(
            arns.stateMachine(stateMachineName), start.name(), JsonValues.text(start.input()));
    URI location =
        URI.create(
            "/api/v1/executions/" + UriUtils.encodePathSegment(e.arn(), StandardCharsets.UTF_8));
    return ResponseEntity.created(location).body(Execution.of(e));
  }

  @GetMapping("/api/v1/executions")
  @Operation(summary = "Search executions, newest first")
  Paging<ExecutionSummary> search(
      @RequestParam(name = "status", required = false) Status status,
      @Parameter(description = "A state machine's name, or its ARN")
          @RequestParam(name = "stateMachine", required = false)
          String stateMachine,
      @RequestParam(name = "namePrefix", required = false) String namePrefix,
      @Parameter(description = "Started at or after this ISO-8601 instant")
          @RequestParam(name = "startedFrom", required = false)
          Instant startedFrom,
      @Parameter(description = "Started before this ISO-8601 instant")
          @RequestParam(name = "startedTo", required = false)
          Instant startedTo,
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "pageToken", required = false) String pageToken) {
    String machineArn =
        stateMachine == null || stateMachine.startsWith("arn:")
            ? stateMachine
            : arns.stateMachine(stateMachine);
    ExecutionService.Page page =
        executions.list(
            new ExecutionQuery(
                machineArn,
                null,
                status == null ? null : status.name(),
                namePrefix,
                startedFrom,
                startedTo,
                null),
            Paging.limit(limit),
            pageToken == null || pageToken.isEmpty() ? null : pageToken);
    return new Paging<>(
        page.executions().stream().map(ExecutionSummary::of).toList(), page.nextToken());
  }

  @GetMapping(BY_ARN)
  @Operation(summary = "Describe an execution by its (URL-encoded) ARN")
  Execution get(@PathVariable("executionArn") String executionArn) {
    return Execution.of(executions.describe(executionArn));
  }

  @GetMapping(BY_NAME)
  @Operation(summary = "Describe an execution by state machine and execution name")
  Execution get(
      @PathVariable("stateMachineName") String stateMachineName,
      @PathVariable("executionName") String executionName) {
    return get(arns.execution(stateMachineName, executionName));
  }

  @PostMapping(BY_ARN + "/stop")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Stop a running execution",
      description =
          "Its ExecutionAborted event follows within a moment; stopping an ended one"
              + " is no error.")
  Stopping stop(
      @PathVariable("executionArn") String executionArn, @RequestBody(required = false) Stop body) {
    Stop stop = body == null ? new Stop(null, null) : body;
    return new Stopping(executionArn, executions.stop(executionArn, stop.error(), stop.cause()));
  }

  @PostMapping(BY_NAME + "/stop")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Stop a running execution, by state machine and execution name")
  Stopping stop(
      @PathVariable("stateMachineName") String stateMachineName,
      @PathVariable("executionName") String executionName,
      @RequestBody(required = false) Stop body) {
    return stop(arns.execution(stateMachineName, executionName), body);
  }

  @PostMapping(BY_ARN + "/redrive")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Run a failed, timed-out or aborted execution again",
      description =
          "It enters again the top-level state it ended in, with that state's input; its"
              + " ExecutionRedriven event follows within a moment. A running or succeeded"
              + " execution gets 409.")
  Redriving redrive(@PathVariable("executionArn") String executionArn) {
    return new Redriving(executionArn, executions.redrive(executionArn));
  }

  @PostMapping(BY_NAME + "/redrive")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Run a failed execution again, by state machine and execution name")
  Redriving redrive(
      @PathVariable("stateMachineName") String stateMachineName,
      @PathVariable("executionName") String executionName) {
    return redrive(arns.execution(stateMachineName, executionName));
  }

  @GetMapping(BY_ARN + "/history")
  @Operation(summary = "Read an execution's history, oldest first unless reverse=true")
  Paging<Event> history(
      @PathVariable("executionArn") String executionArn,
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "pageToken", required = false) String pageToken,
      @RequestParam(name = "reverse", defaultValue = "false") boolean reverse) {
    List<HistoryView.Event> events = new ArrayList<>(executions.history(executionArn));
    if (reverse) {
      Collections.reverse(events);
    }
    int from = Math.min(HistoryToken.read(pageToken), events.size());
    int to = Math.min(events.size(), from + Paging.limit(limit));
    return new Paging<>(
        events.subList(from, to).stream().map(Event::of).toList(),
        to < events.size() ? HistoryToken.write(to) : null);
  }

  @GetMapping(BY_NAME + "/history")
  @Operation(summary = "Read an execution's history, by state machine and execution name")
  Paging<Event> history(
      @PathVariable("stateMachineName") String stateMachineName,
      @PathVariable("executionName") String executionName,
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "pageToken", required = false) String pageToken,
      @RequestParam(name = "reverse", defaultValue = "false") boolean reverse) {
    return history(arns.execution(stateMachineName, executionName), limit, pageToken, reverse);
  }

  /** History page tokens: the offset of the next event in the (possibly reversed) history. */
  static final class HistoryToken {

    private static final String PREFIX = "h:";

    private HistoryToken() {}

    static String write(int offset) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int read(String token) {
      if (token == null || token.isEmpty()) {
        return 0;
      }
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (text.startsWith(PREFIX)) {
          int offset = Integer.parseInt(text.substring(PREFIX.length()));
          if (offset >= 0) {
            return offset;
          }
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new StepflowException(
          "InvalidToken",
          StepflowException.Kind.INVALID,
          "Expected pageToken to be the nextPageToken of an earlier page, but found '"
              + token
              + "'");
    }
  }
}
