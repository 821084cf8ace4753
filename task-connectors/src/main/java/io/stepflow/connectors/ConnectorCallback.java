package io.stepflow.connectors;

/** Where a connector reports how a task ended; each task is reported at most once. */
public interface ConnectorCallback {

  /** The task's result, as JSON values in plain Java. */
  void succeeded(Object output);

  /** The task failed with an error name that Retry and Catch match on, and a cause. */
  void failed(String error, String cause);
}
