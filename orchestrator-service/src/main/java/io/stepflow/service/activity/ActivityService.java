package io.stepflow.service.activity;

import io.stepflow.engine.Command;
import io.stepflow.service.Arns;
import io.stepflow.service.StepflowException;
import io.stepflow.service.execution.CommandInbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Activities and the workers that poll them. */
@Service
public class ActivityService {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,80}");

  /** An activity. */
  public record Activity(String arn, String name, Instant created) {}

  private final JdbcClient jdbc;
  private final ActivityTaskQueue queue;
  private final CommandInbox inbox;
  private final TransactionTemplate transactions;
  private final ActivitySettings settings;
  private final Arns arns;
  private final Clock clock;

  ActivityService(
      JdbcClient jdbc,
      ActivityTaskQueue queue,
      CommandInbox inbox,
      TransactionTemplate transactions,
      ActivitySettings settings,
      Arns arns,
      Clock clock) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.inbox = inbox;
    this.transactions = transactions;
    this.settings = settings;
    this.arns = arns;
    this.clock = clock;
  }

  /** Creates the activity, or returns it when one of that name exists (as AWS does). */
  public Activity create(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new StepflowException(
          "InvalidName",
          StepflowException.Kind.INVALID,
          "Expected name to be 1 to 80 letters, digits, '-', '_' or '.', but found '" + name + "'");
    }
    String arn = arns.activity(name);
    try {
      jdbc.sql("INSERT INTO activity (arn, name, created_at) VALUES (?,?,?)")
          .params(arn, name, Timestamp.from(clock.instant()))
          .update();
    } catch (DuplicateKeyException exists) {
      // idempotent by name
    }
    return describe(arn);
  }

  public Activity describe(String arn) {
    return find(arn)
        .orElseThrow(
            () ->
                StepflowException.notFound(
                    "ActivityDoesNotExist", "Expected an activity, but none has the ARN " + arn));
  }

  private Optional<Activity> find(String arn) {
    return jdbc.sql("SELECT arn, name, created_at FROM activity WHERE arn = ?")
        .param(arn)
        .query(
            (rs, row) ->
                new Activity(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
        .optional();
  }

  public void delete(String arn) {
    jdbc.sql("DELETE FROM activity WHERE arn = ?").param(arn).update();
  }

  public List<Activity> list() {
    return jdbc.sql("SELECT arn, name, created_at FROM activity ORDER BY name")
        .query(
            (rs, row) ->
                new Activity(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
        .list();
  }

  /**
   * Waits up to the long-poll time for a task of the activity and gives it to the worker; empty
   * when none came. The wait parks a virtual thread (requests run on virtual threads), not a
   * platform thread.
   */
  public Optional<ActivityTaskQueue.Taken> poll(String activityArn, String workerName) {
    describe(activityArn);
    String worker = workerName == null ? "" : workerName;
    Instant deadline = clock.instant().plus(settings.longPoll());
    while (true) {
      long seen = queue.signal().generation();
      Optional<ActivityTaskQueue.Taken> taken =
          transactions.execute(tx -> take(activityArn, worker));
      if (taken != null && taken.isPresent()) {
        return taken;
      }
      java.time.Duration left = java.time.Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        return Optional.empty();
      }
      try {
        queue
            .signal()
            .awaitChange(seen, left.compareTo(settings.recheck()) < 0 ? left : settings.recheck());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private Optional<ActivityTaskQueue.Taken> take(String activityArn, String worker) {
    Optional<ActivityTaskQueue.Taken> taken = queue.take(activityArn, worker);
    taken.ifPresent(
        t ->
            inbox.enqueue(
                t.executionArn(), new Command.StartTask(t.taskId(), worker), clock.instant()));
    return taken;
  }
}
