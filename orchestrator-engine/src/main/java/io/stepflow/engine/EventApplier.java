package io.stepflow.engine;

import io.stepflow.asl.model.MapState;
import io.stepflow.asl.model.ParallelState;
import io.stepflow.asl.model.StateMachine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only code that changes an {@link ExecutionState}: it applies one history event. Each event
 * type has one rule below; the {@code internal} part of an event carries what AWS's details do not
 * (which branch, which timer).
 */
final class EventApplier {

  static final String ROOT = "0";

  private EventApplier() {}

  @SuppressWarnings("unchecked")
  static void apply(ExecutionState s, HistoryEvent e) {
    s.lastEventId = e.id();
    Map<String, Object> in = e.internal();
    Branch b = in.get("branch") instanceof String id ? s.branches.get(id) : null;
    String type = e.type();
    switch (type) {
      case "ExecutionStarted" -> {
        s.started = true;
        s.input = e.details().get("input");
        Branch root = new Branch(ROOT, null, 0, s.machine, Map.of());
        root.state = s.machine.startAt();
        root.data = s.input;
        if (in.get("variables") instanceof Map<?, ?> variables) {
          root.variables.putAll((Map<String, Object>) variables); // TestState's given variables
        }
        s.branches.put(ROOT, root);
        if (in.get("timeoutTimer") != null) {
          s.timers.put(
              e.id(),
              new ExecutionState.Timer(
                  e.id(), ROOT, ExecutionState.TimerPurpose.EXECUTION_TIMEOUT));
        }
      }
      case "ExecutionSucceeded" -> {
        s.status = ExecutionStatus.SUCCEEDED;
        s.output = e.details().get("output");
        closeAll(s);
      }
      case "ExecutionRedriven" -> {
        // the top-level branch enters again the state it was in when the execution ended
        s.status = ExecutionStatus.RUNNING;
        s.error = null;
        s.cause = null;
        s.redriveCount = ((Number) e.details().get("redriveCount")).intValue();
        Branch root = s.root();
        redrive(root);
        root.status = Branch.Status.READY;
        if (in.get("timeoutTimer") != null) {
          s.timers.put(
              e.id(),
              new ExecutionState.Timer(
                  e.id(), ROOT, ExecutionState.TimerPurpose.EXECUTION_TIMEOUT));
        }
      }
      case "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted" -> {
        s.status =
            switch (type) {
              case "ExecutionFailed" -> ExecutionStatus.FAILED;
              case "ExecutionTimedOut" -> ExecutionStatus.TIMED_OUT;
              default -> ExecutionStatus.ABORTED;
            };
        s.error = (String) e.details().get("error");
        s.cause = (String) e.details().get("cause");
        closeAll(s);
      }
      case "TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled" -> {
        b.status = Branch.Status.AWAITING_TASK;
        b.taskId = e.id();
        b.taskStarted = false;
        b.taskSubmitted = false;
        b.taskResource = (String) in.get("resource");
        s.taskBranches.put(e.id(), b.id);
        clearTimer(s, b.timerId);
        b.timerId = 0;
        if (in.get("timeoutAt") != null) {
          b.timeoutTimerId = e.id();
          s.timers.put(
              e.id(),
              new ExecutionState.Timer(e.id(), b.id, ExecutionState.TimerPurpose.TASK_TIMEOUT));
        }
      }
      case "TaskStarted", "LambdaFunctionStarted", "ActivityStarted" -> {
        b.taskStarted = true;
        if (in.get("heartbeatAt") != null) {
          setHeartbeat(s, b, e.id());
        }
      }
      case "TaskSubmitted" -> b.taskSubmitted = true;
      case "TaskHeartbeat" -> setHeartbeat(s, b, e.id());
      case "TaskSucceeded", "LambdaFunctionSucceeded", "ActivitySucceeded" -> {
        endTask(s, b);
      }
      case "TaskFailed",
          "TaskTimedOut",
          "LambdaFunctionFailed",
          "LambdaFunctionTimedOut",
          "LambdaFunctionScheduleFailed",
          "LambdaFunctionStartFailed",
          "ActivityFailed",
          "ActivityTimedOut",
          "ActivityScheduleFailed",
          "TaskStartFailed",
          "TaskSubmitFailed" -> {
        endTask(s, b);
      }
      case "ParallelStateFailed", "MapStateFailed", "BranchesCancelled" -> cancelChildren(s, b);
      case "EvaluationFailed", "RetryScheduled" -> {}
      case "ParallelStateStarted", "MapStateStarted" -> startChildren(s, b, e);
      case "MapIterationStarted" -> {
        b.status = Branch.Status.READY;
        Branch parent = s.branches.get(b.parentId);
        parent.started++;
        parent.cursor = b.index + 1;
      }
      case "MapIterationFailed", "MapIterationAborted" -> {
        b.status = Branch.Status.FAILED;
        b.error = (String) in.get("error");
        b.cause = (String) in.get("cause");
        Branch parent = s.branches.get(b.parentId);
        parent.finished++;
        parent.failed++;
        Map<String, Object> errorOutput = new LinkedHashMap<>();
        errorOutput.put("Error", b.error);
        errorOutput.put("Cause", b.cause);
        parent.results[b.index] = errorOutput; // a tolerated failure's stand-in result
      }
      case "ParallelStateSucceeded", "MapStateSucceeded", "MapIterationSucceeded" -> {}
      case "MapRunStarted" -> {
        b.mapRunArn = (String) e.details().get("mapRunArn");
        b.mapRunRedriveCount = 0;
      }
      case "MapRunRedriven" ->
          b.mapRunRedriveCount = ((Number) e.details().get("redriveCount")).intValue();
      case "MapRunSucceeded", "MapRunFailed" -> {}
      default -> {
        if (type.endsWith("StateEntered")) {
          b.state = (String) e.details().get("name");
          b.stateInput = e.details().get("input");
          b.data = b.stateInput;
          b.enteredTime = e.timestamp();
          b.enteredEventId = e.id();
          b.status = Branch.Status.READY;
          b.retryCount = 0;
          b.retriesByRetrier.clear();
          b.inState = true;
          if (in.get("waitUntil") != null) {
            b.status = Branch.Status.AWAITING_TIMER;
            b.timerId = e.id();
            s.timers.put(
                e.id(), new ExecutionState.Timer(e.id(), b.id, ExecutionState.TimerPurpose.WAIT));
          }
        } else if (type.endsWith("StateExited")) {
          clearTimer(s, b.timerId);
          b.timerId = 0;
          b.inState = false;
          b.resume = false;
          b.data = e.details().get("output");
          if (in.get("assigned") instanceof Map<?, ?> assigned) {
            b.variables.putAll((Map<String, Object>) assigned);
          }
          String next = (String) in.get("next");
          if (next != null) {
            b.state = next;
            b.status = Branch.Status.READY;
          } else {
            b.status = Branch.Status.SUCCEEDED;
            finishChild(s, b);
          }
        } else if (type.endsWith("StateAborted")) {
          cancel(s, b);
        }
      }
    }
    if (b != null && in.get("retryAt") instanceof String) {
      applyRetry(s, b, e);
    }
  }

  private static void setHeartbeat(ExecutionState s, Branch b, long eventId) {
    clearTimer(s, b.heartbeatTimerId);
    b.heartbeatTimerId = eventId;
    s.timers.put(
        eventId,
        new ExecutionState.Timer(eventId, b.id, ExecutionState.TimerPurpose.HEARTBEAT_TIMEOUT));
  }

  private static void endTask(ExecutionState s, Branch b) {
    s.taskBranches.remove(b.taskId);
    clearTimer(s, b.timeoutTimerId);
    clearTimer(s, b.heartbeatTimerId);
    b.timeoutTimerId = 0;
    b.heartbeatTimerId = 0;
    b.status = Branch.Status.READY;
  }

  private static void applyRetry(ExecutionState s, Branch b, HistoryEvent e) {
    {
      int retrier = ((Number) e.internal().get("retrier")).intValue();
      b.retriesByRetrier.merge(retrier, 1, Integer::sum);
      b.retryCount++;
      b.status = Branch.Status.AWAITING_TIMER;
      b.timerId = e.id();
      s.timers.put(
          e.id(), new ExecutionState.Timer(e.id(), b.id, ExecutionState.TimerPurpose.RETRY));
    }
  }

  private static void clearTimer(ExecutionState s, long timerId) {
    if (timerId != 0) {
      s.timers.remove(timerId);
    }
  }

  /**
   * Readies a branch that did not finish for a redrive: it enters again the state it was in, with
   * that state's input, or the state it was about to enter. A Parallel or inline Map state whose
   * children it had started resumes them.
   */
  private static void redrive(Branch b) {
    var state = b.machine.state(b.state);
    // a Map whose iterations never started (it failed reading its tolerances) starts afresh
    boolean resumable =
        state instanceof ParallelState || (state instanceof MapState && b.started > 0);
    if (b.inState) {
      b.resume = resumable && b.childrenEventId > b.enteredEventId;
    }
    // else it is about to enter its state: a Map iteration an earlier redrive readied and that
    // never started keeps the resume that redrive gave it
    if (b.inState) {
      b.data = b.stateInput;
    }
    b.inState = false;
    b.error = null;
    b.cause = null;
  }

  /**
   * A redriven Parallel or inline Map state takes up its children again: those that succeeded keep
   * their results, the others are redriven, a Map's as iterations still to start.
   */
  private static void resumeChildren(ExecutionState s, Branch b, long eventId) {
    boolean map = b.machine.state(b.state) instanceof MapState;
    b.status = Branch.Status.AWAITING_CHILDREN;
    b.childrenEventId = eventId;
    b.resume = false;
    b.started = 0;
    b.finished = 0;
    b.failed = 0;
    b.cursor = 0;
    for (String id : b.children) {
      Branch child = s.branches.get(id);
      if (child.status == Branch.Status.SUCCEEDED) {
        b.started++;
        b.finished++;
        continue;
      }
      redrive(child);
      if (map) {
        child.status = Branch.Status.PENDING;
      } else {
        child.status = Branch.Status.READY;
        b.started++;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void startChildren(ExecutionState s, Branch b, HistoryEvent e) {
    Map<String, Object> in = e.internal();
    if (Boolean.TRUE.equals(in.get("resume"))) {
      resumeChildren(s, b, e.id());
      return;
    }
    b.status = Branch.Status.AWAITING_CHILDREN;
    b.resume = false;
    b.children.clear();
    b.childrenEventId = e.id();
    b.cursor = 0;
    b.started = 0;
    b.finished = 0;
    b.failed = 0;
    Object input = in.get("input");
    var state = b.machine.state(b.state);
    if (state instanceof ParallelState parallel) {
      List<StateMachine> machines = parallel.branches();
      b.results = new Object[machines.size()];
      for (int i = 0; i < machines.size(); i++) {
        Branch child = child(s, b, e, i, machines.get(i));
        child.hidden = b.hidden;
        child.data = input;
        child.state = machines.get(i).startAt();
        b.started++;
      }
    } else if (state instanceof MapState map) {
      boolean hidden = b.hidden || map.distributed();
      List<Object> items = (List<Object>) in.get("items");
      b.results = new Object[items.size()];
      b.maxConcurrency = ((Number) in.getOrDefault("maxConcurrency", 0)).intValue();
      b.toleratedFailureCount = ((Number) in.getOrDefault("toleratedFailureCount", -1)).intValue();
      b.toleratedFailurePercentage =
          ((Number) in.getOrDefault("toleratedFailurePercentage", -1)).doubleValue();
      for (int i = 0; i < items.size(); i++) {
        Branch child = child(s, b, e, i, map.processor());
        child.status = Branch.Status.PENDING;
        child.hidden = hidden;
        child.data = items.get(i);
        child.state = map.processor().startAt();
      }
    }
  }

  private static Branch child(
      ExecutionState s, Branch parent, HistoryEvent e, int index, StateMachine machine) {
    String id = parent.id + "." + e.id() + "." + index;
    Branch child = new Branch(id, parent.id, index, machine, parent.variables);
    s.branches.put(id, child);
    parent.children.add(id);
    return child;
  }

  private static void finishChild(ExecutionState s, Branch b) {
    if (b.parentId == null) {
      return;
    }
    Branch parent = s.branches.get(b.parentId);
    parent.results[b.index] = b.data;
    parent.finished++;
  }

  private static void cancelChildren(ExecutionState s, Branch parent) {
    for (String id : parent.children) {
      Branch child = s.branches.get(id);
      if (!child.isDone()) {
        cancel(s, child);
      }
    }
  }

  private static void cancel(ExecutionState s, Branch b) {
    b.status = Branch.Status.CANCELLED;
    s.taskBranches.remove(b.taskId);
    clearTimer(s, b.timerId);
    clearTimer(s, b.timeoutTimerId);
    clearTimer(s, b.heartbeatTimerId);
    cancelChildren(s, b);
  }

  private static void closeAll(ExecutionState s) {
    for (Branch b : s.branches.values()) {
      if (!b.isDone()) {
        b.status = Branch.Status.CANCELLED;
      }
    }
    s.taskBranches.clear();
    s.timers.clear();
  }
}
