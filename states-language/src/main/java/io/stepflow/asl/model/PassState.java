package io.stepflow.asl.model;

/** A Pass state; {@code result} is its Result when {@code hasResult}. */
public record PassState(Common common, Object result, boolean hasResult) implements State {
  @Override
  public String type() {
    return "Pass";
  }
}
