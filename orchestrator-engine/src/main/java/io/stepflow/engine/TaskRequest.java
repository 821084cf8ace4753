package io.stepflow.engine;

import java.time.Duration;

/**
 * A Task state's work, as handed to a connector.
 *
 * @param executionId the execution it belongs to
 * @param taskId the id of the TaskScheduled event; results come back with it
 * @param resource the state's Resource
 * @param parameters the effective Parameters (or Arguments)
 * @param taskToken the callback token, for {@code .waitForTaskToken}; null otherwise
 * @param timeout the task's timeout, or null
 * @param heartbeat the heartbeat interval, or null
 */
public record TaskRequest(
    String executionId,
    long taskId,
    String resource,
    Object parameters,
    String taskToken,
    Duration timeout,
    Duration heartbeat) {}
