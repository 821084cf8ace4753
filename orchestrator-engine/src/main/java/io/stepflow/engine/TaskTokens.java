package io.stepflow.engine;

/** Issues the callback token of a {@code .waitForTaskToken} task. */
@FunctionalInterface
public interface TaskTokens {

  /** A token that names the task; not secret, for in-memory use only. */
  TaskTokens PLAIN = (executionArn, taskId) -> executionArn + "#" + taskId;

  /** The token for the task that event {@code taskId} of {@code executionArn} will schedule. */
  String issue(String executionArn, long taskId);
}
