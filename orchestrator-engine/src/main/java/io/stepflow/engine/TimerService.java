package io.stepflow.engine;

import java.time.Instant;

/**
 * The port that delivers {@link Command.FireTimer} when a timer is due: Wait states, retry
 * intervals, task, heartbeat and execution timeouts.
 */
public interface TimerService {

  void schedule(String executionId, long timerId, Instant at);

  void cancel(String executionId, long timerId);
}
