package io.stepflow.asl.choice;

import io.stepflow.asl.path.Scope;
import java.util.List;

/** True when any nested rule is; evaluated in order, stopping at the first true one. */
record OrRule(List<ChoiceRule> rules) implements ChoiceRule {

  OrRule {
    rules = List.copyOf(rules);
  }

  @Override
  public boolean matches(Scope scope) {
    for (ChoiceRule rule : rules) {
      if (rule.matches(scope)) {
        return true;
      }
    }
    return false;
  }
}
