package io.stepflow.service.activity;

import io.stepflow.service.Wakeup;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Activity tasks waiting for a worker, oldest first; workers claim with SKIP LOCKED. */
@Component
public class ActivityTaskQueue {

  /** A task a worker has taken. */
  public record Taken(String executionArn, long taskId, String taskToken, String input) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Wakeup signal = new Wakeup();

  ActivityTaskQueue(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Woken after a transaction that queued a task commits. */
  Wakeup signal() {
    return signal;
  }

  /** Queues a task in the caller's transaction; waiting workers hear of it after the commit. */
  public void enqueue(
      String activityArn, String executionArn, long taskId, String taskToken, String input) {
    jdbc.sql(
            "INSERT INTO activity_task (activity_arn, execution_arn, task_id, task_token, input,"
                + " created_at) VALUES (?,?,?,?,?,?)")
        .params(
            activityArn, executionArn, taskId, taskToken, input, Timestamp.from(clock.instant()))
        .update();
    signal.wakeAfterCommit(); // its readers see the work once it commits
  }

  /** Removes a task no worker has taken (its execution stopped or its branch failed). */
  public void withdraw(String executionArn, long taskId) {
    jdbc.sql("DELETE FROM activity_task WHERE execution_arn = ? AND task_id = ?")
        .params(executionArn, taskId)
        .update();
  }

  /** Takes the oldest waiting task of the activity, in the caller's transaction. */
  Optional<Taken> take(String activityArn, String workerName) {
    Optional<Long> id =
        jdbc.sql(
                // ? = the activity: its oldest task that no worker holds
                "SELECT id FROM activity_task WHERE activity_arn = ? AND claimed_at IS NULL"
                    + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
            .param(activityArn)
            .query(Long.class)
            .optional();
    if (id.isEmpty()) {
      return Optional.empty();
    }
    jdbc.sql("UPDATE activity_task SET claimed_by = ?, claimed_at = ? WHERE id = ?")
        .params(workerName, Timestamp.from(clock.instant()), id.get())
        .update();
    return jdbc.sql(
            "SELECT execution_arn, task_id, task_token, input FROM activity_task WHERE id = ?")
        .param(id.get())
        .query(
            (rs, row) ->
                new Taken(
                    rs.getString("execution_arn"),
                    rs.getLong("task_id"),
                    rs.getString("task_token"),
                    rs.getString("input")))
        .optional();
  }
}
