package io.stepflow.asl.validate;

import io.stepflow.asl.DefinitionException;
import io.stepflow.asl.intrinsic.IntrinsicFunctions;
import io.stepflow.asl.jsonata.JsonataEvaluator;
import java.util.Optional;

/**
 * Syntax checks of intrinsic function calls and JSONata expressions, delegated to the language
 * packages and turned into "what is wrong" texts.
 */
final class Expressions {

  private Expressions() {}

  /** What is wrong with an intrinsic function call such as {@code States.Format('{}', $.a)}. */
  static Optional<String> intrinsicProblem(String expression) {
    return problem(() -> IntrinsicFunctions.validate(expression));
  }

  /** What is wrong with a JSONata expression, given without its {@code {% %}} delimiters. */
  static Optional<String> jsonataProblem(String expression) {
    if (expression.isBlank()) {
      return Optional.of("the expression is empty");
    }
    return problem(() -> JsonataEvaluator.validate(expression));
  }

  private static Optional<String> problem(Runnable check) {
    try {
      check.run();
      return Optional.empty();
    } catch (DefinitionException e) {
      return Optional.of(e.getMessage());
    }
  }
}
