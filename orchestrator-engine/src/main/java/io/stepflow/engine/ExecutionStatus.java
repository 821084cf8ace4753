package io.stepflow.engine;

/** An execution's status, as AWS names it. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED;

  /** True once the execution can change no more. */
  public boolean isTerminal() {
    return this != RUNNING;
  }
}
