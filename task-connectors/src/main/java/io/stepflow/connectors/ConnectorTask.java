package io.stepflow.connectors;

import java.time.Duration;

/**
 * One Task state's work, as a connector receives it.
 *
 * @param executionArn the execution it belongs to
 * @param taskId the task's id within the execution
 * @param resource the state's Resource, taken apart
 * @param parameters the effective Parameters (or Arguments): JSON values as plain Java
 * @param taskToken the callback token for {@code .waitForTaskToken}; null otherwise
 * @param timeout the state's TimeoutSeconds, or null
 * @param heartbeat the state's HeartbeatSeconds, or null
 */
public record ConnectorTask(
    String executionArn,
    long taskId,
    ResourceArn resource,
    Object parameters,
    String taskToken,
    Duration timeout,
    Duration heartbeat) {}
