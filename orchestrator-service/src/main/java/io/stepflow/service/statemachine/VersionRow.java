package io.stepflow.service.statemachine;

import java.time.Instant;

/** A row of state_machine_version: an immutable snapshot of one revision. */
public record VersionRow(
    String arn,
    String stateMachineArn,
    int version,
    String definition,
    String roleArn,
    String revisionId,
    String description,
    Instant createdAt) {}
