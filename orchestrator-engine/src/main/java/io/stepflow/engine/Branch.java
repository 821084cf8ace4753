package io.stepflow.engine;

import io.stepflow.asl.model.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line of execution: the top-level machine, one Parallel branch or one Map iteration. Only {@link
 * EventApplier} changes it.
 */
final class Branch {

  enum Status {
    /** Created for a Map iteration that has not started yet. */
    PENDING,
    /** About to enter {@link #state}. */
    READY,
    /** Waiting for a task's result. */
    AWAITING_TASK,
    /** Waiting for a timer: a Wait state or a retry interval. */
    AWAITING_TIMER,
    /** Waiting for its children: a Parallel's branches or a Map's iterations. */
    AWAITING_CHILDREN,
    /** Done with an output. */
    SUCCEEDED,
    /** Done with an error. */
    FAILED,
    /** Stopped because a sibling failed or the execution ended. */
    CANCELLED
  }

  final String id;
  final String parentId;
  final int index;
  final StateMachine machine;
  final Map<String, Object> variables;

  /** True inside a distributed Map: AWS keeps such events out of the parent's history. */
  boolean hidden;

  Status status = Status.READY;
  String state;
  Object stateInput;
  Object data;
  Instant enteredTime;
  long enteredEventId;

  /** True between a state's Entered event and its Exited one. */
  boolean inState;

  int retryCount;
  Map<Integer, Integer> retriesByRetrier = new HashMap<>();
  long taskId;

  /** True once the task's worker has it (at once for all but activities). */
  boolean taskStarted;

  /** True once the service accepted the task's request (its TaskSubmitted event). */
  boolean taskSubmitted;

  String taskResource;
  long timerId;
  long timeoutTimerId;
  long heartbeatTimerId;
  String error;
  String cause;

  // A Parallel or Map state waiting for its children.
  final List<String> children = new ArrayList<>();
  Object[] results = new Object[0];
  int started;
  int finished;
  int failed;
  int maxConcurrency;
  int toleratedFailureCount = -1;
  double toleratedFailurePercentage = -1;

  /** The event that started {@link #children}: a ParallelStateStarted or MapStateStarted. */
  long childrenEventId;

  /** A Map's iterations before this index have all started (or had succeeded before a redrive). */
  int cursor;

  /**
   * Set by a redrive on a branch that ended inside a Parallel or Map state: entering that state
   * again resumes its children instead of starting new ones.
   */
  boolean resume;

  /** The Map Run of the distributed Map this branch is in (its MapRunStarted), else null. */
  String mapRunArn;

  /** How often that Map Run was redriven (its MapRunRedriven events). */
  int mapRunRedriveCount;

  Branch(
      String id, String parentId, int index, StateMachine machine, Map<String, Object> variables) {
    this.id = id;
    this.parentId = parentId;
    this.index = index;
    this.machine = machine;
    this.variables = new LinkedHashMap<>(variables);
  }

  boolean isDone() {
    return status == Status.SUCCEEDED || status == Status.FAILED || status == Status.CANCELLED;
  }

  int running() {
    return started - finished;
  }
}
