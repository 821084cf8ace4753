package io.stepflow.asl.model;

import java.util.Map;

/**
 * A state machine, or a nested one (a Parallel branch, a Map's ItemProcessor).
 *
 * @param startAt the first state
 * @param states the states by name, in definition order
 * @param queryLanguage the default for states that do not name their own
 * @param timeoutSeconds the execution's timeout (top level only); null when unset
 * @param comment the Comment, or null
 */
public record StateMachine(
    String startAt,
    Map<String, State> states,
    QueryLanguage queryLanguage,
    Integer timeoutSeconds,
    String comment) {

  /** The state with that name; null when there is none. */
  public State state(String name) {
    return states.get(name);
  }
}
