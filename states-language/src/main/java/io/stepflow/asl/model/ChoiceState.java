package io.stepflow.asl.model;

import java.util.List;

/** A Choice state: the first matching branch wins, else Default, else States.NoChoiceMatched. */
public record ChoiceState(Common common, List<ChoiceBranch> choices, String defaultNext)
    implements State {
  @Override
  public String type() {
    return "Choice";
  }
}
