package io.stepflow.asl.model;

/**
 * A Task state.
 *
 * @param resource the Resource ARN
 * @param timeoutSeconds TimeoutSeconds (number or JSONata expression), or null
 * @param timeoutSecondsPath TimeoutSecondsPath, or null
 * @param heartbeatSeconds HeartbeatSeconds (number or JSONata expression), or null
 * @param heartbeatSecondsPath HeartbeatSecondsPath, or null
 * @param credentials Credentials, or null
 */
public record TaskState(
    Common common,
    String resource,
    Object timeoutSeconds,
    String timeoutSecondsPath,
    Object heartbeatSeconds,
    String heartbeatSecondsPath,
    Object credentials)
    implements State {
  @Override
  public String type() {
    return "Task";
  }
}
