package io.stepflow.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;

/**
 * Stops runaway expressions without reading any clock: one evaluation may take at most {@code
 * maxSteps} evaluation steps and nest at most {@code maxDepth} deep. Recursion in tail position
 * never overflows the stack in JSONata, so without a step limit it would run forever.
 */
final class EvaluationBudget {

  static final long DEFAULT_MAX_STEPS = 10_000_000L;
  static final int DEFAULT_MAX_DEPTH = 1000;

  private final long maxSteps;
  private final int maxDepth;
  private long steps;
  private int depth;

  EvaluationBudget(long maxSteps, int maxDepth) {
    this.maxSteps = maxSteps;
    this.maxDepth = maxDepth;
  }

  /** Thrown when the budget is spent; the message reads like a JSONata error. */
  static final class ExceededException extends RuntimeException {
    ExceededException(String message) {
      super(message, null, false, false);
    }
  }

  /** Watches every evaluation step of the frame it is put on. */
  void watch(Jsonata.Frame frame) {
    frame.setEvaluateEntryCallback((expr, input, environment) -> enter());
    frame.setEvaluateExitCallback((expr, input, environment, result) -> depth--);
  }

  private void enter() {
    if (++steps > maxSteps) {
      throw new ExceededException(
          "U1001: Expression evaluation stopped after "
              + maxSteps
              + " steps: Check for infinite loop");
    }
    if (++depth > maxDepth) {
      throw new ExceededException(
          "U1001: Stack overflow error: Check for non-terminating recursive function. Consider"
              + " rewriting as tail-recursive.");
    }
  }
}
