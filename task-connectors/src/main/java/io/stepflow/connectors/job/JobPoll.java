package io.stepflow.connectors.job;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A job task's durable state: what to submit or poll next and when, and which claim may act on it.
 * One per task, kept from the moment the connector accepts the task until its outcome is reported
 * (or it is cancelled), so that any instance can carry on when the one holding it dies.
 *
 * @param executionArn the execution of the task, as {@code ConnectorTask.executionArn()}
 * @param taskId the task within the execution, as {@code ConnectorTask.taskId()}
 * @param spec the resolved job: its submit, status and cancel calls, polling and conditions, and
 *     for Batch tasks the job's names; JSON values as plain Java
 * @param phase whether the job still has to be submitted or is being polled
 * @param jobId the job's id from the submit answer; null before, or when no JobIdPath is given
 * @param polls how many status polls were made
 * @param nextPollAt when the next submit or poll is due
 * @param claim the token of the claim that holds the poll; only its holder may update or finish it
 * @param claimedUntil when the claim runs out: after it, any instance may claim the poll again
 */
public record JobPoll(
    String executionArn,
    long taskId,
    Map<String, Object> spec,
    Phase phase,
    String jobId,
    int polls,
    Instant nextPollAt,
    String claim,
    Instant claimedUntil) {

  /** Where a job task is: the submit is not known to have been answered, or the job is polled. */
  public enum Phase {
    SUBMIT,
    POLL
  }

  public JobPoll {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(nextPollAt, "nextPollAt");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(claimedUntil, "claimedUntil");
    spec = Map.copyOf(spec);
  }

  /** The key of the task this poll belongs to. */
  public String taskKey() {
    return key(executionArn, taskId);
  }

  static String key(String executionArn, long taskId) {
    return executionArn + "#" + taskId;
  }

  /** The same poll under another claim. */
  public JobPoll claimed(String newClaim, Instant until) {
    return new JobPoll(
        executionArn, taskId, spec, phase, jobId, polls, nextPollAt, newClaim, until);
  }

  /** Submitted: the first poll is due at {@code at}, and the claim is kept until {@code until}. */
  JobPoll submitted(String id, Instant at, Instant until) {
    return new JobPoll(executionArn, taskId, spec, Phase.POLL, id, 0, at, claim, until);
  }

  /** Polled once more, still running: the next poll at {@code at}, the claim kept until until. */
  JobPoll polledAgainAt(Instant at, Instant until) {
    return new JobPoll(executionArn, taskId, spec, phase, jobId, polls + 1, at, claim, until);
  }
}
