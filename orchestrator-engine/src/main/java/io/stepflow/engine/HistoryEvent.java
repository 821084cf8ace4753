package io.stepflow.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an execution's history, the execution's source of truth.
 *
 * @param id the event's number, 1..n within its execution
 * @param previousEventId the event this one follows from (0 for none)
 * @param timestamp when it happened, from the engine's clock
 * @param type AWS's event type, for example {@code PassStateEntered}
 * @param details AWS's details for the type (the value of {@code stateEnteredEventDetails} etc.);
 *     empty for types that have none
 * @param internal what the engine records besides AWS's details so that replaying the history
 *     rebuilds the execution exactly (which branch, which timer); never shown through AWS's API
 */
public record HistoryEvent(
    long id,
    long previousEventId,
    Instant timestamp,
    String type,
    Map<String, Object> details,
    Map<String, Object> internal) {

  /** False for events AWS shows elsewhere (inside a distributed Map's child executions). */
  public boolean visible() {
    return !Boolean.TRUE.equals(internal.get("hidden"));
  }

  /** The name of the JSON field that holds {@link #details} in AWS's history, or null. */
  public String detailsField() {
    return EventTypes.detailsField(type);
  }
}
