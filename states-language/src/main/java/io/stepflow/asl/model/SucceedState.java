package io.stepflow.asl.model;

/** A Succeed state. */
public record SucceedState(Common common) implements State {
  @Override
  public String type() {
    return "Succeed";
  }
}
