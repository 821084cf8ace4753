package io.stepflow.connectors;

import java.util.Set;

/**
 * Does the work of Task states on the resources it serves. The engine owns task tokens, timeouts,
 * heartbeats and retries; a connector only starts the work and reports how it ended. It must not
 * block a platform thread while it waits: use a virtual thread or asynchronous I/O.
 */
public interface Connector {

  /** A short name for logs and error messages, such as {@code http}. */
  String name();

  /**
   * The integration patterns this connector supports on {@code resource}; empty when it does not
   * serve that resource at all.
   */
  Set<IntegrationPattern> patterns(ResourceArn resource);

  /**
   * Starts the work and returns at once. For {@link IntegrationPattern#WAIT_FOR_TASK_TOKEN} the
   * connector reports only a failure to hand the work on; the task completes when someone sends its
   * token back.
   */
  void start(ConnectorTask task, ConnectorCallback callback);

  /** The task is no longer wanted (its execution stopped, or it timed out); best effort. */
  default void cancel(ConnectorTask task) {}
}
