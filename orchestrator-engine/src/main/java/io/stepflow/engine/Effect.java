package io.stepflow.engine;

import java.time.Instant;

/**
 * Work for the world outside the engine that a handled command asks for; carried out after the
 * events that asked for it are stored.
 */
public sealed interface Effect {

  /** Send a task to the connector that serves its resource. */
  record DispatchTask(TaskRequest request) implements Effect {}

  /** The task is no longer wanted (the execution stopped or its branch failed). */
  record CancelTask(long taskId, String resource) implements Effect {}

  /** Deliver {@link Command.FireTimer} for {@code timerId} at {@code at}. */
  record ScheduleTimer(long timerId, Instant at) implements Effect {}

  /** The timer is no longer wanted. */
  record CancelTimer(long timerId) implements Effect {}
}
