package io.stepflow.service.execution;

import java.time.Instant;

/** One row of the execution table. */
public record ExecutionRecord(
    String arn,
    String stateMachineArn,
    String versionArn,
    String aliasArn,
    String name,
    String definition,
    String roleArn,
    String status,
    String input,
    String output,
    String error,
    String cause,
    Instant startDate,
    Instant stopDate,
    long lastEventId,
    int redriveCount,
    String parentExecutionArn) {}
