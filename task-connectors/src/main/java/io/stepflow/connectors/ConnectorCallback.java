package io.stepflow.connectors;

/** Where a connector reports how a task ended; each task is reported at most once. */
public interface ConnectorCallback {

  /**
   * The service accepted the task's request and answered {@code output} (JSON values in plain Java,
   * such as SQS's {@code {MessageId, ...}} or a job's submit answer); the task goes on waiting, and
   * its history shows AWS's TaskSubmitted. Only for {@link IntegrationPattern#WAIT_FOR_TASK_TOKEN},
   * {@link IntegrationPattern#RUN_JOB} and {@link IntegrationPattern#RUN_JOB_V2} tasks, at most
   * once, and before {@link #succeeded} or {@link #failed}: a report after the outcome, or for a
   * request-response task, is dropped. A token may come back before the report arrives; the
   * submission is then not recorded, as a task that has ended records nothing more.
   */
  void submitted(Object output);

  /**
   * The work is alive and under way (a polled job still runs): pushes the task's HeartbeatSeconds
   * deadline back, as SendTaskHeartbeat does for a token. Only before {@link #succeeded} or {@link
   * #failed}; a connector whose work shows no progress never calls it.
   */
  default void heartbeat() {}

  /** The task's result, as JSON values in plain Java. */
  void succeeded(Object output);

  /** The task failed with an error name that Retry and Catch match on, and a cause. */
  void failed(String error, String cause);
}
