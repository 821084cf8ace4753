package io.stepflow.service.execution;

import java.time.Instant;

/**
 * Which executions to list; every field may be null.
 *
 * @param stateMachineArn executions of this state machine
 * @param versionOrAliasArn executions started through this version or alias
 * @param status only this status (RUNNING, SUCCEEDED, ...)
 * @param namePrefix names starting with this
 * @param startedFrom started at or after this
 * @param startedTo started before this
 * @param after the last execution of the previous page
 */
public record ExecutionQuery(
    String stateMachineArn,
    String versionOrAliasArn,
    String status,
    String namePrefix,
    Instant startedFrom,
    Instant startedTo,
    ExecutionRecord after) {}
