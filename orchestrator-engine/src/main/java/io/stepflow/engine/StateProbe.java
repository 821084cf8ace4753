package io.stepflow.engine;

import io.stepflow.asl.StatesError;
import io.stepflow.asl.model.State;
import java.util.Map;

/**
 * Lets {@link TestState} watch one state's data processing and stand in for the work a state hands
 * out (a Parallel's branches, a Map's iterations, a Map's item reader). An execution has {@link
 * #NONE}, which changes nothing.
 */
interface StateProbe {

  StateProbe NONE = new StateProbe() {};

  /** A step of the state's data processing gave {@code value} (afterInputPath, result...). */
  default void seen(Branch b, String step, Object value) {}

  /** The context object the branch sees, given the one the engine built. */
  default Map<String, Object> context(Map<String, Object> built) {
    return built;
  }

  /** How many times retrier {@code index} retried the state so far, given the engine's count. */
  default int retriesSoFar(Branch b, int index, int counted) {
    return counted;
  }

  /** The state failed with {@code error}, before any retrier or catcher looks at it. */
  default void failed(Branch b, State st, StatesError error) {}

  /** The items a Map's ItemReader reads, or null when the engine has no reader for them. */
  default Object readerItems(Branch b) {
    return null;
  }

  /** What stands in for the children of a Parallel or Map; null runs them. */
  default StandIn children(Branch b) {
    return null;
  }

  /**
   * The outcome of a Parallel's or Map's children without running them: their result, or their
   * error; {@code failedIterations} counts the Map iterations that failed.
   */
  record StandIn(Object result, StatesError error, int failedIterations) {}
}
