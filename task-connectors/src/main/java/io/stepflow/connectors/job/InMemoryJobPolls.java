package io.stepflow.connectors.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Polls kept in this process's memory: for tests, and for a connector used without a database.
 * Nothing survives the process; the claims work as in a shared store.
 */
public final class InMemoryJobPolls implements JobPolls {

  private final Map<String, JobPoll> polls = new LinkedHashMap<>();

  @Override
  public synchronized boolean save(JobPoll poll) {
    return polls.putIfAbsent(poll.taskKey(), poll) == null;
  }

  @Override
  public synchronized List<JobPoll> claimDue(Instant now, Instant until, int limit) {
    List<JobPoll> due =
        polls.values().stream()
            .filter(p -> !p.nextPollAt().isAfter(now) && p.claimedUntil().isBefore(now))
            .sorted(Comparator.comparing(JobPoll::nextPollAt))
            .limit(limit)
            .toList();
    List<JobPoll> claimed = new ArrayList<>();
    for (JobPoll p : due) {
      JobPoll mine = p.claimed(UUID.randomUUID().toString(), until);
      polls.put(mine.taskKey(), mine);
      claimed.add(mine);
    }
    return claimed;
  }

  @Override
  public synchronized boolean update(JobPoll poll) {
    if (!heldBy(poll)) {
      return false;
    }
    polls.put(poll.taskKey(), poll);
    return true;
  }

  @Override
  public boolean finish(JobPoll poll, Runnable report) {
    synchronized (this) {
      if (!heldBy(poll)) {
        return false;
      }
      polls.remove(poll.taskKey());
    }
    report.run();
    return true;
  }

  @Override
  public synchronized Optional<JobPoll> cancel(String executionArn, long taskId) {
    return Optional.ofNullable(polls.remove(JobPoll.key(executionArn, taskId)));
  }

  /** The polls stored now, for tests. */
  public synchronized List<JobPoll> all() {
    return List.copyOf(polls.values());
  }

  private boolean heldBy(JobPoll poll) {
    JobPoll stored = polls.get(poll.taskKey());
    return stored != null && stored.claim().equals(poll.claim());
  }
}
