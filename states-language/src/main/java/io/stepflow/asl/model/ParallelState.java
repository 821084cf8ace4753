package io.stepflow.asl.model;

import java.util.List;

/** A Parallel state, whose branches run on the same input. */
public record ParallelState(Common common, List<StateMachine> branches) implements State {
  @Override
  public String type() {
    return "Parallel";
  }
}
