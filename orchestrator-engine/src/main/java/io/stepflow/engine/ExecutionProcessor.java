package io.stepflow.engine;

import io.stepflow.engine.Command.FailTask;
import io.stepflow.engine.Command.FireTimer;
import io.stepflow.engine.Command.HeartbeatTask;
import io.stepflow.engine.Command.StartExecution;
import io.stepflow.engine.Command.StopExecution;
import io.stepflow.engine.Command.SucceedTask;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Handles commands: reads an execution's state, decides which history events follow, and applies
 * them. It holds no execution's state itself, so one instance serves every execution.
 */
public final class ExecutionProcessor {

  private final EngineSettings settings;

  /**
   * A processor that reads time from the settings' clock and draws retry jitter and expressions'
   * random values from their generator.
   */
  public ExecutionProcessor(EngineSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A processor with default settings on the given clock. */
  public ExecutionProcessor(Clock clock) {
    this(EngineSettings.defaults(clock));
  }

  /**
   * Handles one command against the execution's current state.
   *
   * @throws EngineException when the command does not fit the state (an unknown task, an execution
   *     that already ended)
   */
  public Decision handle(ExecutionState state, Command command) {
    Run run = new Run(state, settings);
    switch (command) {
      case StartExecution start -> run.start(start.input());
      case Command.StartTask taken -> run.taskStarted(taken.taskId(), taken.workerName());
      case Command.TaskSubmitted submitted ->
          run.taskSubmitted(submitted.taskId(), submitted.output());
      case SucceedTask done -> run.taskSucceeded(done.taskId(), done.output());
      case FailTask failed -> run.taskFailed(failed.taskId(), failed.error(), failed.cause());
      case HeartbeatTask beat -> run.heartbeat(beat.taskId());
      case FireTimer timer -> run.timerFired(timer.timerId());
      case StopExecution stop -> run.stop(stop.error(), stop.cause());
      case Command.RedriveExecution redrive -> run.redrive();
    }
    run.enforceHistoryLimit();
    return new Decision(List.copyOf(run.events), List.copyOf(run.effects));
  }

  /**
   * What the engine needs besides the definition.
   *
   * @param clock where event timestamps and timer deadlines come from
   * @param random where retry jitter and the random values of expressions (States.UUID,
   *     States.MathRandom, JSONata's $uuid and $random) come from; one processor serves every
   *     execution, so a service that handles executions on several threads at once passes a
   *     thread-safe generator such as {@link java.security.SecureRandom}
   * @param region the region named in ARNs and TaskScheduled events
   * @param tokens issues the task tokens of {@code .waitForTaskToken} tasks
   * @param maxPayloadBytes the largest state output, in bytes of JSON text; larger fails with
   *     States.DataLimitExceeded
   * @param maxHistoryEvents the history size at which an execution fails: checked before each state
   *     is entered, so the state under way may finish first
   */
  public record EngineSettings(
      Clock clock,
      RandomGenerator random,
      String region,
      TaskTokens tokens,
      int maxPayloadBytes,
      int maxHistoryEvents) {

    /** AWS's limit on a state's input or output: 256 KiB. */
    public static final int AWS_PAYLOAD_LIMIT = 256 * 1024;

    /** AWS's limit on an execution's history: 25,000 events. */
    public static final int AWS_HISTORY_LIMIT = 25_000;

    /** Settings with AWS's history limit. */
    public EngineSettings(
        Clock clock,
        RandomGenerator random,
        String region,
        TaskTokens tokens,
        int maxPayloadBytes) {
      this(clock, random, region, tokens, maxPayloadBytes, AWS_HISTORY_LIMIT);
    }

    /**
     * Defaults: a secure generator (safe for every thread, as a processor serves every execution),
     * region us-east-1, tokens that are plain references, AWS's payload limit.
     */
    public static EngineSettings defaults(Clock clock) {
      return new EngineSettings(
          clock,
          new java.security.SecureRandom(),
          "us-east-1",
          TaskTokens.PLAIN,
          AWS_PAYLOAD_LIMIT);
    }
  }
}
