package io.stepflow.engine;

/**
 * The port through which Task states reach connectors. A dispatcher must not block: it hands the
 * request on and reports the outcome later as {@link Command.SucceedTask} or {@link
 * Command.FailTask} for the request's task id; a {@code .waitForTaskToken} or {@code .sync} task
 * may first report that the service accepted its request ({@link Command.TaskSubmitted}).
 */
public interface TaskDispatcher {

  /** Starts the work; the outcome comes back through {@code outcomes}. */
  void dispatch(TaskRequest request, TaskOutcomes outcomes);

  /** The work is no longer wanted; best effort. */
  default void cancel(String executionId, long taskId, String resource) {}

  /** Where a connector reports how a task ended. */
  interface TaskOutcomes {

    /**
     * The service accepted the request of a {@code .waitForTaskToken} or {@code .sync} task and
     * answered {@code output}; the task goes on waiting. At most once per task, before its outcome.
     */
    void submitted(String executionId, long taskId, Object output);

    /**
     * The task's work is alive (a polled job still runs): as {@link Command.HeartbeatTask}, it
     * pushes the task's HeartbeatSeconds deadline back. Ignored by runtimes without heartbeats.
     */
    default void heartbeat(String executionId, long taskId) {}

    void succeeded(String executionId, long taskId, Object output);

    void failed(String executionId, long taskId, String error, String cause);
  }
}
