package io.stepflow.service.rest;

import io.stepflow.service.execution.TaskCallbackService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Callbacks for tasks waiting on a token (.waitForTaskToken and activities): report success,
 * failure or a heartbeat.
 */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks")
class TaskController {

  record Success(
      String taskToken,
      @Schema(description = "The task's result, any JSON value") JsonNode output) {}

  record Failure(String taskToken, String error, String cause) {}

  record Heartbeat(String taskToken) {}

  private final TaskCallbackService callbacks;

  TaskController(@Lazy TaskCallbackService callbacks) {
    this.callbacks = callbacks;
  }

  @PostMapping("/success")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Complete a task with its output")
  void success(@RequestBody Success body) {
    callbacks.succeed(body.taskToken(), JsonValues.text(body.output()));
  }

  @PostMapping("/failure")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Fail a task with an error and cause")
  void failure(@RequestBody Failure body) {
    callbacks.fail(body.taskToken(), body.error(), body.cause());
  }

  @PostMapping("/heartbeat")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Tell a task's heartbeat timeout that the worker is alive")
  void heartbeat(@RequestBody Heartbeat body) {
    callbacks.heartbeat(body.taskToken());
  }
}
