package io.stepflow.asl.model;

/**
 * A Wait state: exactly one of seconds (a number or JSONata expression), timestamp, secondsPath or
 * timestampPath is set.
 */
public record WaitState(
    Common common, Object seconds, Object timestamp, String secondsPath, String timestampPath)
    implements State {
  @Override
  public String type() {
    return "Wait";
  }
}
