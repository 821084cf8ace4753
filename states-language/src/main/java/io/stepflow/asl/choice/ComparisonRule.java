package io.stepflow.asl.choice;

import io.stepflow.asl.path.Scope;

/**
 * {@code StringEquals}, {@code NumericLessThanPath}, {@code TimestampGreaterThanEquals} and the
 * like: the value at {@code variable} against a literal, or against the value at {@code rightPath}
 * for the {@code *Path} forms.
 *
 * @param literal the right side when {@code rightPath} is null
 * @param rightPath the path of the right side for the {@code *Path} forms, else null
 */
record ComparisonRule(
    String variable, ValueKind kind, Relation relation, Object literal, String rightPath)
    implements ChoiceRule {

  @Override
  public boolean matches(Scope scope) {
    Object left = ConditionPaths.read(variable, scope);
    Object right = rightPath == null ? literal : ConditionPaths.read(rightPath, scope);
    Integer comparison = kind.compare(left, right);
    return comparison != null && relation.holds(comparison);
  }
}
