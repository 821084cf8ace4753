package io.stepflow.asl.choice;

import io.stepflow.asl.path.Scope;

/**
 * A Choice rule of the JSONPath query language: a comparison of the value at {@code Variable}, or
 * {@code And}, {@code Or} and {@code Not} over nested rules. Build one with {@link
 * ChoiceRules#parse}.
 */
public sealed interface ChoiceRule
    permits AndRule, OrRule, NotRule, ComparisonRule, TypeTestRule, StringMatchesRule {

  /**
   * Evaluates the rule. Values of another type than the comparison expects make it false.
   *
   * @throws io.stepflow.asl.StatesError {@code States.Runtime} with the cause {@code Invalid path
   *     '<path>': The choice state's condition path references an invalid value.} when a path
   *     matches nothing (except the Variable of {@code IsPresent})
   */
  boolean matches(Scope scope);
}
