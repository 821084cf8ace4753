package io.stepflow.engine;

import io.stepflow.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about one execution, rebuilt from its history by {@link
 * EventApplier}: replaying the same events always gives the same state.
 */
public final class ExecutionState {

  /** What a timer is for. */
  enum TimerPurpose {
    WAIT,
    RETRY,
    TASK_TIMEOUT,
    HEARTBEAT_TIMEOUT,
    EXECUTION_TIMEOUT
  }

  record Timer(long id, String branchId, TimerPurpose purpose) {}

  final ExecutionInfo info;
  final StateMachine machine;
  final Map<String, Branch> branches = new LinkedHashMap<>();
  final Map<Long, String> taskBranches = new HashMap<>();
  final Map<Long, Timer> timers = new HashMap<>();
  ExecutionStatus status = ExecutionStatus.RUNNING;
  Object input;
  Object output;
  String error;
  String cause;
  long lastEventId;
  boolean started;
  int redriveCount;

  /** A new execution of {@code machine}, before its ExecutionStarted event. */
  public ExecutionState(ExecutionInfo info, StateMachine machine) {
    this.info = info;
    this.machine = machine;
  }

  /** Rebuilds an execution from its stored history. */
  public static ExecutionState replay(
      ExecutionInfo info, StateMachine machine, List<HistoryEvent> history) {
    ExecutionState state = new ExecutionState(info, machine);
    for (HistoryEvent event : history) {
      EventApplier.apply(state, event);
    }
    return state;
  }

  public ExecutionInfo info() {
    return info;
  }

  public ExecutionStatus status() {
    return status;
  }

  /** The execution's output once it succeeded; null before. */
  public Object output() {
    return output;
  }

  public Object input() {
    return input;
  }

  /** The error it failed with; null unless FAILED, TIMED_OUT or ABORTED. */
  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  /** How often the execution was redriven. */
  public int redriveCount() {
    return redriveCount;
  }

  /** The id of the last event applied; the next event gets the one after it. */
  public long lastEventId() {
    return lastEventId;
  }

  /** The ids of the tasks that wait for a result. */
  public List<Long> openTasks() {
    return new ArrayList<>(taskBranches.keySet());
  }

  /** The ids of the timers that are set. */
  public List<Long> openTimers() {
    return new ArrayList<>(timers.keySet());
  }

  Branch root() {
    return branches.get(EventApplier.ROOT);
  }
}
