package io.stepflow.service.statemachine;

import java.time.Instant;
import java.util.List;

/** A row of state_machine_alias. */
record AliasRow(
    String arn,
    String stateMachineArn,
    String name,
    String description,
    List<Route> routing,
    Instant createdAt,
    Instant updatedAt) {}
