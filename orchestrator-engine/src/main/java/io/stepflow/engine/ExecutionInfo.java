package io.stepflow.engine;

import java.time.Instant;

/**
 * What the context object's {@code Execution} and {@code StateMachine} parts show.
 *
 * @param executionArn the execution's ARN
 * @param executionName its name
 * @param stateMachineArn the state machine's ARN
 * @param stateMachineName its name
 * @param roleArn the role the execution runs as
 * @param startTime when it started
 */
public record ExecutionInfo(
    String executionArn,
    String executionName,
    String stateMachineArn,
    String stateMachineName,
    String roleArn,
    Instant startTime) {}
