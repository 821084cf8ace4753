package io.stepflow.asl.choice;

import io.stepflow.asl.path.Scope;

/** True when the nested rule is false. */
record NotRule(ChoiceRule rule) implements ChoiceRule {

  @Override
  public boolean matches(Scope scope) {
    return !rule.matches(scope);
  }
}
