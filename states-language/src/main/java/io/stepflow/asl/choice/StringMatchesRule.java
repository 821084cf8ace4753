package io.stepflow.asl.choice;

import io.stepflow.asl.path.Scope;

/** {@code StringMatches}: the string at {@code variable} against a pattern with {@code *}. */
record StringMatchesRule(String variable, WildcardPattern pattern) implements ChoiceRule {

  @Override
  public boolean matches(Scope scope) {
    return ConditionPaths.read(variable, scope) instanceof String text && pattern.matches(text);
  }
}
