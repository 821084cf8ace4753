package io.stepflow.asl.choice;

import io.stepflow.asl.path.Scope;

/**
 * {@code IsNull}, {@code IsPresent}, {@code IsNumeric}, {@code IsString}, {@code IsBoolean} and
 * {@code IsTimestamp}: whether the value at {@code variable} is of a type, compared with {@code
 * expected}. Only {@code IsPresent} accepts a path that matches nothing.
 */
record TypeTestRule(String variable, TypeTest test, boolean expected) implements ChoiceRule {

  /** The type tests, named as the operators are. */
  enum TypeTest {
    NULL("IsNull"),
    PRESENT("IsPresent"),
    NUMERIC("IsNumeric"),
    STRING("IsString"),
    BOOLEAN("IsBoolean"),
    TIMESTAMP("IsTimestamp");

    private final String operator;

    TypeTest(String operator) {
      this.operator = operator;
    }

    String operator() {
      return operator;
    }
  }

  @Override
  public boolean matches(Scope scope) {
    return holds(scope) == expected;
  }

  private boolean holds(Scope scope) {
    if (test == TypeTest.PRESENT) {
      return scope.readOrElse(variable, ConditionPaths.ABSENT) != ConditionPaths.ABSENT;
    }
    Object value = ConditionPaths.read(variable, scope);
    return switch (test) {
      case NULL -> value == null;
      case NUMERIC -> ValueKind.NUMERIC.accepts(value);
      case STRING -> ValueKind.STRING.accepts(value);
      case BOOLEAN -> ValueKind.BOOLEAN.accepts(value);
      case TIMESTAMP -> ValueKind.TIMESTAMP.accepts(value);
      case PRESENT -> true;
    };
  }
}
