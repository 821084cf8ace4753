package io.stepflow.engine;

/** What can happen to an execution from outside; handling one emits history events. */
public sealed interface Command {

  /** Starts the execution with its input. */
  record StartExecution(Object input) implements Command {}

  /** A worker took the activity task scheduled by event {@code taskId}. */
  record StartTask(long taskId, String workerName) implements Command {}

  /** The task scheduled by event {@code taskId} returned its result. */
  record SucceedTask(long taskId, Object output) implements Command {}

  /**
   * The service accepted the request of the {@code .waitForTaskToken} or {@code .sync} task
   * scheduled by event {@code taskId} and answered {@code output}; the task goes on waiting for its
   * result. Recorded as TaskSubmitted while the task waits, refused once it has ended.
   */
  record TaskSubmitted(long taskId, Object output) implements Command {}

  /** The task scheduled by event {@code taskId} failed. */
  record FailTask(long taskId, String error, String cause) implements Command {}

  /** The task scheduled by event {@code taskId} is still alive. */
  record HeartbeatTask(long taskId) implements Command {}

  /** The timer set by event {@code timerId} is due. */
  record FireTimer(long timerId) implements Command {}

  /** An execution that failed, timed out or was stopped runs again from where it ended. */
  record RedriveExecution() implements Command {}

  /** An operator stops the execution. */
  record StopExecution(String error, String cause) implements Command {}
}
