package io.stepflow.service.nested;

import io.stepflow.service.execution.ExecutionRecord;
import io.stepflow.service.execution.ExecutionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The parent to children direction of nested executions in the REST API: the executions that an
 * execution's Task states started. (A child names its parent in its own {@code
 * parentExecutionArn}.)
 */
@RestController
@Tag(name = "Executions")
class NestedExecutionController {

  /** One child, with the parent's task that started it and how that task waits for it. */
  record Child(
      String executionArn,
      String stateMachineArn,
      String status,
      Instant startDate,
      Instant stopDate,
      long parentTaskId,
      String integrationPattern) {}

  private final ExecutionService executions;
  private final NestedExecutionLinks links;

  NestedExecutionController(@Lazy ExecutionService executions, @Lazy NestedExecutionLinks links) {
    this.executions = executions;
    this.links = links;
  }

  @GetMapping("/api/v1/executions/{executionArn}/children")
  @Operation(
      summary = "List the executions that this execution's Task states started",
      description =
          "Children of arn:aws:states:::states:startExecution tasks (any integration pattern),"
              + " in the order their tasks were scheduled")
  List<Child> children(@PathVariable("executionArn") String executionArn) {
    executions.describe(executionArn); // an unknown or malformed ARN fails as RestProblems says
    return links.children(executionArn).stream()
        .map(
            link -> {
              ExecutionRecord child = executions.describe(link.childArn());
              return new Child(
                  child.arn(),
                  child.stateMachineArn(),
                  child.status(),
                  child.startDate(),
                  child.stopDate(),
                  link.parentTaskId(),
                  link.pattern().name());
            })
        .toList();
  }
}
