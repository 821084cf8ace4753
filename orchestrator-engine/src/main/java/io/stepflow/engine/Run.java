package io.stepflow.engine;

import io.stepflow.asl.ErrorNames;
import io.stepflow.asl.StatesError;
import io.stepflow.asl.json.Json;
import io.stepflow.asl.model.State;
import io.stepflow.asl.model.TaskState;
import io.stepflow.engine.ExecutionProcessor.EngineSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command's worth of work on one execution: emits events (applying each at once), collects
 * effects, and drives branches forward until each waits or ends.
 */
final class Run {

  final ExecutionState s;
  final EngineSettings settings;
  final List<HistoryEvent> events = new ArrayList<>();
  final List<Effect> effects = new ArrayList<>();

  /** Watches the states' data processing; only TestState sets one. */
  StateProbe probe = StateProbe.NONE;

  private final States states;

  Run(ExecutionState s, EngineSettings settings) {
    this.s = s;
    this.settings = settings;
    this.states = new States(this);
  }

  // ---- commands ----

  void start(Object input) {
    if (s.started) {
      throw new EngineException(
          "ExecutionAlreadyStarted", "Expected a new execution, but it has already started");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("input", input);
    details.put("inputDetails", Map.of("truncated", false));
    details.put("roleArn", s.info.roleArn());
    Map<String, Object> internal = new LinkedHashMap<>();
    if (s.machine.timeoutSeconds() != null) {
      Instant at = now().plusSeconds(s.machine.timeoutSeconds());
      internal.put("timeoutTimer", at.toString());
    }
    HistoryEvent started = emit("ExecutionStarted", details, internal);
    if (internal.containsKey("timeoutTimer")) {
      effects.add(
          new Effect.ScheduleTimer(
              started.id(), Instant.parse((String) internal.get("timeoutTimer"))));
    }
    run(s.root());
  }

  void taskStarted(long taskId, String workerName) {
    Branch b = taskBranch(taskId);
    if (b.taskStarted) {
      throw new EngineException(
          "TaskAlreadyStarted",
          "Expected a task no worker has taken, but task " + taskId + " is taken");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("workerName", workerName);
    states.taskStarted(b, details);
  }

  /**
   * Records that the service accepted a waiting task's request. Only {@code .waitForTaskToken} and
   * {@code .sync} tasks report it, once; it changes nothing about how the task ends.
   */
  void taskSubmitted(long taskId, Object output) {
    Branch b = taskBranch(taskId);
    if (!Tasks.reportsSubmission(b.taskResource)) {
      throw new EngineException(
          "TaskSubmissionNotExpected",
          "Expected a .waitForTaskToken or .sync task to report its submission, but task "
              + taskId
              + " runs "
              + b.taskResource);
    }
    if (b.taskSubmitted) {
      throw new EngineException(
          "TaskAlreadySubmitted",
          "Expected a task whose submission is not recorded yet, but task "
              + taskId
              + " already has its TaskSubmitted event");
    }
    states.taskSubmitted(b, output);
  }

  void taskSucceeded(long taskId, Object output) {
    Branch b = taskBranch(taskId);
    states.taskSucceeded(b, output);
    propagate(b);
  }

  void taskFailed(long taskId, String error, String cause) {
    Branch b = taskBranch(taskId);
    states.taskFailed(b, error, cause, false);
    propagate(b);
  }

  void heartbeat(long taskId) {
    Branch b = taskBranch(taskId);
    TaskState task = (TaskState) b.machine.state(b.state);
    Long seconds = states.heartbeatSeconds(b, task);
    if (seconds != null) {
      Instant at = now().plusSeconds(seconds);
      Map<String, Object> internal = internal(b);
      internal.put("heartbeatAt", at.toString());
      internal.put("hidden", true); // AWS's history shows no heartbeats; replay needs them
      effects.add(new Effect.CancelTimer(b.heartbeatTimerId));
      HistoryEvent e = emitQuiet("TaskHeartbeat", internal);
      effects.add(new Effect.ScheduleTimer(e.id(), at));
    }
  }

  void timerFired(long timerId) {
    ExecutionState.Timer timer = s.timers.get(timerId);
    if (timer == null || s.status.isTerminal()) {
      return; // already cancelled or fired: timers are delivered at least once
    }
    Branch b = s.branches.get(timer.branchId());
    switch (timer.purpose()) {
      case WAIT -> states.waitElapsed(b);
      case RETRY -> states.retry(b);
      case TASK_TIMEOUT -> states.taskTimedOut(b, ErrorNames.TIMEOUT);
      case HEARTBEAT_TIMEOUT -> states.taskTimedOut(b, ErrorNames.HEARTBEAT_TIMEOUT);
      case EXECUTION_TIMEOUT -> {
        cancelOpenWork();
        emit("ExecutionTimedOut", new LinkedHashMap<>(), Map.of());
        return;
      }
    }
    propagate(b);
  }

  void redrive() {
    if (!s.status.isTerminal() || s.status == ExecutionStatus.SUCCEEDED) {
      throw new EngineException(
          "ExecutionNotRedrivable",
          "Expected an execution that failed, timed out or was stopped, but it is "
              + s.status.name());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("redriveCount", s.redriveCount + 1);
    Map<String, Object> internal = new LinkedHashMap<>();
    Instant timeoutAt = null;
    if (s.machine.timeoutSeconds() != null) {
      timeoutAt = now().plusSeconds(s.machine.timeoutSeconds());
      internal.put("timeoutTimer", timeoutAt.toString());
    }
    HistoryEvent redriven = emit("ExecutionRedriven", details, internal);
    if (timeoutAt != null) {
      effects.add(new Effect.ScheduleTimer(redriven.id(), timeoutAt));
    }
    run(s.root());
  }

  void stop(String error, String cause) {
    if (s.status.isTerminal()) {
      throw new EngineException(
          "ExecutionNotRunning",
          "Expected a running execution to stop, but it is " + s.status.name());
    }
    cancelOpenWork();
    Map<String, Object> details = new LinkedHashMap<>();
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    emit("ExecutionAborted", details, Map.of());
  }

  /** Fails a running execution whose history reached the configured limit. */
  void enforceHistoryLimit() {
    if (s.status.isTerminal() || s.lastEventId < settings.maxHistoryEvents()) {
      return;
    }
    cancelOpenWork();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("error", ErrorNames.RUNTIME);
    details.put(
        "cause",
        "The execution reached the limit of "
            + settings.maxHistoryEvents()
            + " history events; raise it with stepflow.executions.max-history-events");
    emit("ExecutionFailed", details, Map.of());
  }

  // ---- driving branches ----

  /** Drives a branch, then carries finished branches up to their parents. */
  void run(Branch b) {
    drive(b);
    propagate(b);
  }

  /** Advances a branch state by state until it waits or ends. */
  void drive(Branch b) {
    while (b.status == Branch.Status.READY && !s.status.isTerminal()) {
      if (s.lastEventId >= settings.maxHistoryEvents()) {
        enforceHistoryLimit(); // a loop of states that need nothing outside ends here
        return;
      }
      states.enter(b);
    }
  }

  /** Tells the parents of a branch that ended, as far up as they can move on. */
  void propagate(Branch b) {
    Branch current = b;
    while (!s.status.isTerminal()) {
      if (current.status == Branch.Status.READY) {
        drive(current);
      }
      if (!current.isDone() || current.parentId == null) {
        return;
      }
      Branch parent = s.branches.get(current.parentId);
      if (parent.status == Branch.Status.AWAITING_CHILDREN) {
        states.childEnded(parent, current);
      }
      current = parent;
    }
  }

  // ---- events ----

  Instant now() {
    return settings.clock().instant();
  }

  HistoryEvent emit(String type, Map<String, Object> details, Map<String, Object> internal) {
    long id = s.lastEventId + 1;
    Map<String, Object> recorded = internal;
    if (internal.get("branch") instanceof String branchId
        && s.branches.get(branchId) != null
        && s.branches.get(branchId).hidden) {
      // Inside a distributed Map, AWS shows these events in the map run's child executions.
      recorded = new LinkedHashMap<>(internal);
      recorded.put("hidden", true);
    }
    HistoryEvent event = new HistoryEvent(id, s.lastEventId, now(), type, details, recorded);
    EventApplier.apply(s, event);
    events.add(event);
    return event;
  }

  HistoryEvent emitQuiet(String type, Map<String, Object> internal) {
    return emit(type, Map.of(), internal);
  }

  static Map<String, Object> internal(Branch b) {
    Map<String, Object> internal = new LinkedHashMap<>();
    internal.put("branch", b.id);
    return internal;
  }

  private Branch taskBranch(long taskId) {
    String branchId = s.taskBranches.get(taskId);
    if (branchId == null || s.status.isTerminal()) {
      throw new EngineException(
          "TaskDoesNotExist",
          "Expected a task of this execution that waits for its result, but task "
              + taskId
              + " does not wait");
    }
    return s.branches.get(branchId);
  }

  void cancelOpenWork() {
    for (Map.Entry<Long, String> task : s.taskBranches.entrySet()) {
      Branch b = s.branches.get(task.getValue());
      effects.add(new Effect.CancelTask(task.getKey(), b.taskResource));
    }
    for (Long timer : s.timers.keySet()) {
      effects.add(new Effect.CancelTimer(timer));
    }
  }

  /** The state a branch is at. */
  static State stateOf(Branch b) {
    return b.machine.state(b.state);
  }

  static String json(Object value) {
    return Json.write(value);
  }

  static StatesError runtime(String cause) {
    return new StatesError(ErrorNames.RUNTIME, cause);
  }
}
