package io.stepflow.service.execution;

import io.stepflow.engine.Command;
import io.stepflow.service.Wakeup;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox table. Workers claim with {@code FOR UPDATE SKIP LOCKED}, so several instances on one
 * database never take the same command; a claim lives only as long as its transaction, so an
 * instance that dies releases its claims with its connection.
 */
@Component
class JdbcCommandInbox implements CommandInbox {

  /** A stored command. */
  record Queued(long id, String executionArn, Command command, Instant createdAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Wakeup signal = new Wakeup();

  JdbcCommandInbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Woken after a transaction that queued a command commits. */
  Wakeup signal() {
    return signal;
  }

  @Override
  public void enqueue(String executionArn, Command command, Instant availableAt) {
    jdbc.sql(
            "INSERT INTO execution_command (execution_arn, command, available_at, created_at)"
                + " VALUES (?,?,?,?)")
        .params(
            executionArn,
            CommandCodec.write(command),
            Timestamp.from(availableAt),
            Timestamp.from(clock.instant()))
        .update();
    signal.wakeAfterCommit(); // its readers see the work once it commits
  }

  /**
   * Claims the oldest due command no other transaction holds, and returns the execution it is for;
   * the caller then takes every due command of that execution.
   */
  Optional<String> claimNextExecution() {
    return jdbc.sql(
            // ? = now: only commands that are due
            "SELECT execution_arn FROM execution_command WHERE available_at <= ?"
                + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
        .param(Timestamp.from(clock.instant()))
        .query(String.class)
        .optional();
  }

  /**
   * The due commands of one execution in the order they were accepted, locked for this worker; one
   * another worker holds is skipped (see {@link #inOrder}).
   */
  List<Queued> claimDue(String executionArn, Instant now) {
    return jdbc.sql(
            // ?1 = the execution, ?2 = now
            "SELECT id, execution_arn, command, created_at FROM execution_command"
                + " WHERE execution_arn = ? AND available_at <= ? ORDER BY id FOR UPDATE SKIP LOCKED")
        .params(executionArn, Timestamp.from(now))
        .query(
            (rs, row) ->
                new Queued(
                    rs.getLong("id"),
                    rs.getString("execution_arn"),
                    CommandCodec.read(rs.getString("command")),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  /** The ids of the execution's due commands, claimed or not, in the order they were accepted. */
  List<Long> dueIds(String executionArn, Instant now) {
    return jdbc.sql(
            // ?1 = the execution, ?2 = now; a plain read: it neither waits for nor takes locks
            "SELECT id FROM execution_command WHERE execution_arn = ? AND available_at <= ?"
                + " ORDER BY id")
        .params(executionArn, Timestamp.from(now))
        .query(Long.class)
        .list();
  }

  /**
   * The claimed commands that may apply now: those before the first due command this worker could
   * not claim. Another worker holds that one and applies it once it has the execution's lock, so
   * nothing claimed after it may go first. Empty when the oldest due command is held elsewhere.
   */
  static List<Queued> inOrder(List<Queued> claimed, List<Long> due) {
    int n = 0;
    for (long id : due) {
      if (n == claimed.size() || claimed.get(n).id() != id) {
        break;
      }
      n++;
    }
    return claimed.subList(0, n);
  }

  /** Makes commands due again at {@code availableAt}, in one statement. */
  void postpone(List<Long> ids, Instant availableAt) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE execution_command SET available_at = :at WHERE id IN (:ids)")
        .param("at", Timestamp.from(availableAt))
        .param("ids", ids)
        .update();
  }

  /** Deletes applied commands, in one statement. */
  void delete(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("DELETE FROM execution_command WHERE id IN (:ids)").param("ids", ids).update();
  }
}
