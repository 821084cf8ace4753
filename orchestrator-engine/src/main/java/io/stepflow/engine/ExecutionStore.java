package io.stepflow.engine;

import io.stepflow.asl.model.StateMachine;
import java.util.List;
import java.util.Optional;

/** The port that keeps executions and their histories. */
public interface ExecutionStore {

  /** An execution as stored: what it runs and its history so far. */
  record StoredExecution(ExecutionInfo info, StateMachine machine, List<HistoryEvent> history) {}

  /** Stores a new execution with no history. */
  void create(ExecutionInfo info, StateMachine machine);

  /** Appends events; their ids must follow the last stored one. */
  void append(String executionArn, List<HistoryEvent> events);

  Optional<StoredExecution> find(String executionArn);
}
