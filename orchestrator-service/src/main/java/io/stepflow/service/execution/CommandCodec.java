package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.Command;
import java.util.LinkedHashMap;
import java.util.Map;

/** Commands as JSON text, for the inbox table. */
final class CommandCodec {

  private CommandCodec() {}

  static String write(Command command) {
    Map<String, Object> json = new LinkedHashMap<>();
    switch (command) {
      case Command.StartExecution c -> {
        json.put("type", "StartExecution");
        json.put("input", c.input());
      }
      case Command.StartTask c -> {
        json.put("type", "StartTask");
        json.put("taskId", c.taskId());
        json.put("workerName", c.workerName());
      }
      case Command.SucceedTask c -> {
        json.put("type", "SucceedTask");
        json.put("taskId", c.taskId());
        json.put("output", c.output());
      }
      case Command.TaskSubmitted c -> {
        json.put("type", "TaskSubmitted");
        json.put("taskId", c.taskId());
        json.put("output", c.output());
      }
      case Command.FailTask c -> {
        json.put("type", "FailTask");
        json.put("taskId", c.taskId());
        json.put("error", c.error());
        json.put("cause", c.cause());
      }
      case Command.HeartbeatTask c -> {
        json.put("type", "HeartbeatTask");
        json.put("taskId", c.taskId());
      }
      case Command.FireTimer c -> {
        json.put("type", "FireTimer");
        json.put("timerId", c.timerId());
      }
      case Command.RedriveExecution c -> json.put("type", "RedriveExecution");
      case Command.StopExecution c -> {
        json.put("type", "StopExecution");
        json.put("error", c.error());
        json.put("cause", c.cause());
      }
    }
    return Json.write(json);
  }

  @SuppressWarnings("unchecked")
  static Command read(String text) {
    Map<String, Object> json = (Map<String, Object>) Json.parse(text);
    String type = (String) json.get("type");
    return switch (type) {
      case "StartExecution" -> new Command.StartExecution(json.get("input"));
      case "StartTask" ->
          new Command.StartTask(id(json, "taskId"), (String) json.get("workerName"));
      case "SucceedTask" -> new Command.SucceedTask(id(json, "taskId"), json.get("output"));
      case "TaskSubmitted" -> new Command.TaskSubmitted(id(json, "taskId"), json.get("output"));
      case "FailTask" ->
          new Command.FailTask(
              id(json, "taskId"), (String) json.get("error"), (String) json.get("cause"));
      case "HeartbeatTask" -> new Command.HeartbeatTask(id(json, "taskId"));
      case "FireTimer" -> new Command.FireTimer(id(json, "timerId"));
      case "RedriveExecution" -> new Command.RedriveExecution();
      case "StopExecution" ->
          new Command.StopExecution((String) json.get("error"), (String) json.get("cause"));
      default ->
          throw new IllegalStateException(
              "Expected a stored command type, but found '" + type + "'");
    };
  }

  private static long id(Map<String, Object> json, String field) {
    return ((Number) json.get(field)).longValue();
  }
}
