package io.stepflow.service.statemachine;

import java.time.Instant;

/** A row of state_machine: the current revision of a state machine. */
public record StateMachineRow(
    String arn,
    String name,
    String type,
    String roleArn,
    String definition,
    String revisionId,
    Instant createdAt,
    Instant updatedAt) {

  /** True until the first UpdateStateMachine: PublishStateMachineVersion accepts "INITIAL". */
  boolean neverUpdated() {
    return createdAt.equals(updatedAt);
  }
}
