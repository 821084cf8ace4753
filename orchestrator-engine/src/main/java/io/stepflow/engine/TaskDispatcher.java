package io.stepflow.engine;

/**
 * The port through which Task states reach connectors. A dispatcher must not block: it hands the
 * request on and reports the outcome later as {@link Command.SucceedTask} or {@link
 * Command.FailTask} for the request's task id.
 */
public interface TaskDispatcher {

  /** Starts the work; the outcome comes back through {@code outcomes}. */
  void dispatch(TaskRequest request, TaskOutcomes outcomes);

  /** The work is no longer wanted; best effort. */
  default void cancel(String executionId, long taskId, String resource) {}

  /** Where a connector reports how a task ended. */
  interface TaskOutcomes {
    void succeeded(String executionId, long taskId, Object output);

    void failed(String executionId, long taskId, String error, String cause);
  }
}
