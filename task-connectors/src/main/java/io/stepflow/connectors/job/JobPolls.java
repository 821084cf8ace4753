package io.stepflow.connectors.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the job connector keeps its tasks' polls, so that they outlive the instance that polls
 * them. Several instances share one store: each poll is held by one claim at a time, and a claim
 * that runs out ({@link JobPoll#claimedUntil()}) lets another instance take the poll over. The
 * service stores them in its database; {@link InMemoryJobPolls} serves tests and single processes.
 */
public interface JobPolls {

  /**
   * Stores a new poll for its task, claimed as it says; false, storing nothing, when the task
   * already has one (the task was handed over again and is being looked after).
   */
  boolean save(JobPoll poll);

  /**
   * Claims up to {@code limit} polls that are due at {@code now} and that no live claim holds
   * (never claimed, or claimed until before {@code now}), each with a fresh claim until {@code
   * until}, and returns them as claimed.
   */
  List<JobPoll> claimDue(Instant now, Instant until, int limit);

  /**
   * Replaces the stored poll of {@code poll}'s task with {@code poll}, if it is still held by
   * {@code poll.claim()}; false when the task was cancelled or another claim took it over.
   */
  boolean update(JobPoll poll);

  /**
   * Removes the poll if it is still held by {@code poll.claim()} and runs {@code report} (which
   * reports the task's outcome) in the same transaction, so that the outcome is recorded exactly
   * when the poll is gone; false, running nothing, when the claim no longer holds it.
   */
  boolean finish(JobPoll poll, Runnable report);

  /** Removes the task's poll whoever holds it, and returns what was removed. */
  Optional<JobPoll> cancel(String executionArn, long taskId);
}
