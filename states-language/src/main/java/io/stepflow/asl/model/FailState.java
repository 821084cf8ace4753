package io.stepflow.asl.model;

/**
 * A Fail state. {@code error} and {@code cause} are strings, or JSONata expressions; the Path forms
 * are JSONPath reference paths.
 */
public record FailState(
    Common common, Object error, Object cause, String errorPath, String causePath)
    implements State {
  @Override
  public String type() {
    return "Fail";
  }
}
