package io.stepflow.connectors;

/**
 * How a Task state waits for the work it starts, chosen by the suffix of its Resource.
 *
 * @see <a href="https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html">
 *     Service integration patterns</a>
 */
public enum IntegrationPattern {
  /** No suffix: the state completes as soon as the service accepts the request. */
  REQUEST_RESPONSE(""),
  /** {@code .sync}: the state completes when the job it started completes. */
  RUN_JOB(".sync"),
  /** {@code .sync:2}: like {@link #RUN_JOB}, with the output in the newer, parsed JSON shape. */
  RUN_JOB_V2(".sync:2"),
  /** {@code .waitForTaskToken}: the state completes when someone sends its task token back. */
  WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

  private final String suffix;

  IntegrationPattern(String suffix) {
    this.suffix = suffix;
  }

  /** The Resource suffix that selects this pattern; empty for {@link #REQUEST_RESPONSE}. */
  public String suffix() {
    return suffix;
  }
}
