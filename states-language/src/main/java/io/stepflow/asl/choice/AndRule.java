package io.stepflow.asl.choice;

import io.stepflow.asl.path.Scope;
import java.util.List;

/** True when every nested rule is; evaluated in order, stopping at the first false one. */
record AndRule(List<ChoiceRule> rules) implements ChoiceRule {

  AndRule {
    rules = List.copyOf(rules);
  }

  @Override
  public boolean matches(Scope scope) {
    for (ChoiceRule rule : rules) {
      if (!rule.matches(scope)) {
        return false;
      }
    }
    return true;
  }
}
