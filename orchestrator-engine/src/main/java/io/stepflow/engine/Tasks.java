package io.stepflow.engine;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.jsonata.JsonataScope;
import io.stepflow.asl.model.Common;
import io.stepflow.asl.model.QueryLanguage;
import io.stepflow.asl.model.TaskState;
import io.stepflow.asl.path.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task states: scheduling the work, and what follows its result, failure or timeout. The event
 * family follows the resource, as in AWS: Lambda functions get LambdaFunction*, activities
 * Activity*, service integrations Task*.
 */
final class Tasks {

  private static final String WAIT_FOR_TOKEN = ".waitForTaskToken";
  private static final String SYNC = ".sync";
  private static final String SYNC_V2 = ".sync:2";

  private final Run run;
  private final States states;
  private final Contexts contexts;

  Tasks(Run run, States states, Contexts contexts) {
    this.run = run;
    this.states = states;
    this.contexts = contexts;
  }

  enum Family {
    LAMBDA("LambdaFunction"),
    ACTIVITY("Activity"),
    SERVICE("Task");

    final String prefix;

    Family(String prefix) {
      this.prefix = prefix;
    }

    static Family of(String resource) {
      if (resource.startsWith("arn:aws:lambda:") && resource.contains(":function:")) {
        return LAMBDA;
      }
      if (resource.contains(":activity:")) {
        return ACTIVITY;
      }
      return SERVICE;
    }
  }

  void schedule(Branch b, TaskState task) {
    Common c = task.common();
    Object raw = b.stateInput;
    long taskId = run.s.lastEventId + 1;
    String token =
        task.resource().endsWith(WAIT_FOR_TOKEN)
            ? run.settings.tokens().issue(run.s.info.executionArn(), taskId)
            : null;
    Map<String, Object> extra = new LinkedHashMap<>();
    if (token != null) {
      extra.put("Task", Map.of("Token", token));
    }
    Object parameters;
    if (c.queryLanguage() == QueryLanguage.JSONATA) {
      JsonataScope scope = contexts.jsonata(b, raw, extra);
      parameters =
          c.arguments() == null
              ? raw
              : Expressions.jsonataTemplate(c.arguments(), scope, "Arguments");
      run.probe.seen(b, "afterArguments", parameters);
    } else {
      Scope scope = contexts.jsonPath(b, raw, extra);
      Object effective = Expressions.inputPath(c.inputPath(), scope);
      run.probe.seen(b, "afterInputPath", effective);
      parameters =
          c.parameters() == null
              ? effective
              : Expressions.template(c.parameters(), scope.withInput(effective), "Parameters");
      run.probe.seen(b, "afterParameters", parameters);
    }
    Long timeout = timeoutSeconds(b, task);
    Long heartbeat = heartbeatSeconds(b, task);

    Family family = Family.of(task.resource());
    Map<String, Object> scheduled = new LinkedHashMap<>();
    Map<String, Object> internal = Run.internal(b);
    internal.put("resource", task.resource());
    switch (family) {
      case LAMBDA, ACTIVITY -> {
        scheduled.put("input", parameters);
        scheduled.put("inputDetails", Map.of("truncated", false));
        scheduled.put("resource", task.resource());
      }
      case SERVICE -> {
        scheduled.put("parameters", parameters);
        scheduled.put("region", run.settings.region());
        scheduled.put("resource", serviceAction(task.resource()));
        scheduled.put("resourceType", serviceName(task.resource()));
      }
    }
    if (timeout != null) {
      scheduled.put("timeoutInSeconds", timeout);
    }
    if (heartbeat != null) {
      scheduled.put("heartbeatInSeconds", heartbeat);
    }
    Instant now = run.now();
    if (timeout != null) {
      internal.put("timeoutAt", now.plusSeconds(timeout).toString());
    }
    HistoryEvent event = run.emit(family.prefix + "Scheduled", scheduled, internal);
    if (timeout != null) {
      run.effects.add(new Effect.ScheduleTimer(event.id(), now.plusSeconds(timeout)));
    }
    if (family != Family.ACTIVITY) {
      started(b, task, Map.of());
    }
    run.effects.add(
        new Effect.DispatchTask(
            new TaskRequest(
                run.s.info.executionArn(),
                event.id(),
                task.resource(),
                parameters,
                token,
                timeout == null ? null : Duration.ofSeconds(timeout),
                heartbeat == null ? null : Duration.ofSeconds(heartbeat))));
  }

  /**
   * The task's worker has it: an activity when a worker takes it, every other task at once. The
   * heartbeat timer starts here.
   */
  void started(Branch b, TaskState task, Map<String, Object> details) {
    Long heartbeat = heartbeatSeconds(b, task);
    Map<String, Object> internal = Run.internal(b);
    Instant now = run.now();
    if (heartbeat != null) {
      internal.put("heartbeatAt", now.plusSeconds(heartbeat).toString());
    }
    Map<String, Object> shown = new LinkedHashMap<>(startedDetails(task));
    shown.putAll(details);
    HistoryEvent started = run.emit(Family.of(task.resource()).prefix + "Started", shown, internal);
    if (heartbeat != null) {
      run.effects.add(new Effect.ScheduleTimer(started.id(), now.plusSeconds(heartbeat)));
    }
  }

  private static Map<String, Object> startedDetails(TaskState task) {
    if (Family.of(task.resource()) != Family.SERVICE) {
      return Map.of();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("resource", serviceAction(task.resource()));
    details.put("resourceType", serviceName(task.resource()));
    return details;
  }

  /**
   * Whether a task of {@code resource} records TaskSubmitted: a service integration that waits for
   * a token or for the job it started, as AWS records it.
   */
  static boolean reportsSubmission(String resource) {
    return resource != null
        && Family.of(resource) == Family.SERVICE
        && (resource.endsWith(WAIT_FOR_TOKEN)
            || resource.endsWith(SYNC)
            || resource.endsWith(SYNC_V2));
  }

  /**
   * The service's answer to the task's request, as AWS's TaskSubmitted; the task goes on waiting.
   */
  void submitted(Branch b, Object output) {
    TaskState task = (TaskState) Run.stateOf(b);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("output", output);
    details.put("outputDetails", Map.of("truncated", false));
    details.put("resource", serviceAction(task.resource()));
    details.put("resourceType", serviceName(task.resource()));
    run.emit("TaskSubmitted", details, Run.internal(b));
  }

  void succeeded(Branch b, Object output) {
    TaskState task = (TaskState) Run.stateOf(b);
    Family family = Family.of(task.resource());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("output", output);
    details.put("outputDetails", Map.of("truncated", false));
    if (family == Family.SERVICE) {
      details.put("resource", serviceAction(task.resource()));
      details.put("resourceType", serviceName(task.resource()));
    }
    run.emit(family.prefix + "Succeeded", details, Run.internal(b));
    states.finishWithResult(b, task, output);
  }

  void failed(Branch b, String error, String cause, boolean timedOut) {
    TaskState task = (TaskState) Run.stateOf(b);
    Family family = Family.of(task.resource());
    Map<String, Object> details = new LinkedHashMap<>();
    if (cause != null) {
      details.put("cause", cause);
    }
    if (error != null) {
      details.put("error", error);
    }
    if (family == Family.SERVICE) {
      details.put("resource", serviceAction(task.resource()));
      details.put("resourceType", serviceName(task.resource()));
    }
    String type = family.prefix + (timedOut ? "TimedOut" : "Failed");
    states.fail(b, task, new StatesError(error, cause), new States.Carrier(type, details));
  }

  void timedOut(Branch b, String error) {
    run.effects.add(new Effect.CancelTask(b.taskId, b.taskResource));
    failed(b, error, null, true);
  }

  Long timeoutSeconds(Branch b, TaskState task) {
    return seconds(b, task.timeoutSeconds(), task.timeoutSecondsPath(), "TimeoutSeconds");
  }

  Long heartbeatSeconds(Branch b, TaskState task) {
    return seconds(b, task.heartbeatSeconds(), task.heartbeatSecondsPath(), "HeartbeatSeconds");
  }

  private Long seconds(Branch b, Object value, String path, String field) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String expression) {
      Object result =
          Expressions.jsonataTemplate(expression, contexts.jsonata(b, b.stateInput), field);
      return Numbers.wholeSeconds(result, field, expression);
    }
    if (path != null) {
      Object result = contexts.jsonPath(b, b.stateInput).read(path);
      return Numbers.positiveIntegerPathValue(result, field + "Path", path);
    }
    return null;
  }

  /**
   * For {@code arn:aws:states:::lambda:invoke.waitForTaskToken}, {@code invoke.waitForTaskToken}.
   */
  static String serviceAction(String resource) {
    String[] parts = resource.split(":", 7);
    return parts.length >= 7 ? parts[6] : resource;
  }

  /** For {@code arn:aws:states:::lambda:invoke}, {@code lambda}. */
  static String serviceName(String resource) {
    String[] parts = resource.split(":", 7);
    return parts.length >= 6 ? parts[5] : resource;
  }
}
