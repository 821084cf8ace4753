package io.stepflow.service.connectors.job;

import io.stepflow.asl.json.Json;
import io.stepflow.connectors.job.JobPoll;
import io.stepflow.connectors.job.JobPolls;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job connector's polls in the {@code job_poll} table, shared by every instance on the
 * database. Due polls are claimed with {@code FOR UPDATE SKIP LOCKED}, so two instances never take
 * the same one; a claim is a token and a time ({@code claimed_until}) after which another instance
 * may claim the poll again. Updates and deletes check the token, so an instance whose claim was
 * taken over changes nothing. A poll is deleted in the transaction that queues its task's outcome.
 */
@Component
class JdbcJobPolls implements JobPolls {

  private static final String COLUMNS =
      "execution_arn, task_id, spec, phase, job_id, polls, next_poll_at, claim, claimed_until";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  JdbcJobPolls(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public boolean save(JobPoll poll) {
    int inserted =
        jdbc.sql(
                "INSERT INTO job_poll ("
                    + COLUMNS
                    + ", created_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
                    // a task handed over again keeps the poll it has
                    + " ON CONFLICT DO NOTHING")
            .params(
                poll.executionArn(),
                poll.taskId(),
                Json.write(poll.spec()),
                poll.phase().name(),
                poll.jobId(),
                poll.polls(),
                Timestamp.from(poll.nextPollAt()),
                poll.claim(),
                Timestamp.from(poll.claimedUntil()),
                Timestamp.from(clock.instant()))
            .update();
    return inserted == 1;
  }

  @Override
  public List<JobPoll> claimDue(Instant now, Instant until, int limit) {
    List<JobPoll> claimed =
        transactions.execute(
            tx -> {
              List<Long> ids =
                  jdbc.sql(
                          // ?1 = now: due; ?2 = now: no live claim; ?3 = how many
                          "SELECT id FROM job_poll WHERE next_poll_at <= ? AND claimed_until < ?"
                              + " ORDER BY next_poll_at LIMIT ? FOR UPDATE SKIP LOCKED")
                      .params(Timestamp.from(now), Timestamp.from(now), limit)
                      .query(Long.class)
                      .list();
              List<JobPoll> mine = new ArrayList<>();
              for (Long id : ids) {
                String claim = UUID.randomUUID().toString();
                // ?1 = a fresh claim token, ?2 = until when it holds, ?3 = the locked row
                jdbc.sql("UPDATE job_poll SET claim = ?, claimed_until = ? WHERE id = ?")
                    .params(claim, Timestamp.from(until), id)
                    .update();
                jdbc.sql("SELECT " + COLUMNS + " FROM job_poll WHERE id = ?")
                    .param(id)
                    .query(JdbcJobPolls::poll)
                    .optional()
                    .ifPresent(mine::add);
              }
              return mine;
            });
    return claimed == null ? List.of() : claimed;
  }

  @Override
  public boolean update(JobPoll poll) {
    return jdbc.sql(
                "UPDATE job_poll SET phase = ?, job_id = ?, polls = ?, next_poll_at = ?,"
                    + " claimed_until = ? WHERE execution_arn = ? AND task_id = ? AND claim = ?")
            .params(
                poll.phase().name(),
                poll.jobId(),
                poll.polls(),
                Timestamp.from(poll.nextPollAt()),
                Timestamp.from(poll.claimedUntil()),
                poll.executionArn(),
                poll.taskId(),
                poll.claim())
            .update()
        == 1;
  }

  @Override
  public boolean finish(JobPoll poll, Runnable report) {
    return Boolean.TRUE.equals(
        transactions.execute(
            tx -> {
              int deleted =
                  jdbc.sql(
                          "DELETE FROM job_poll WHERE execution_arn = ? AND task_id = ?"
                              + " AND claim = ?")
                      .params(poll.executionArn(), poll.taskId(), poll.claim())
                      .update();
              if (deleted != 1) {
                return false;
              }
              report.run(); // queues the outcome in this transaction
              return true;
            }));
  }

  @Override
  public Optional<JobPoll> cancel(String executionArn, long taskId) {
    return transactions.execute(
        tx -> {
          Optional<JobPoll> stored =
              jdbc.sql(
                      "SELECT "
                          + COLUMNS
                          + " FROM job_poll WHERE execution_arn = ? AND task_id = ? FOR UPDATE")
                  .params(executionArn, taskId)
                  .query(JdbcJobPolls::poll)
                  .optional();
          stored.ifPresent(
              p ->
                  jdbc.sql("DELETE FROM job_poll WHERE execution_arn = ? AND task_id = ?")
                      .params(executionArn, taskId)
                      .update());
          return stored;
        });
  }

  @SuppressWarnings("unchecked")
  private static JobPoll poll(ResultSet rs, int row) throws SQLException {
    return new JobPoll(
        rs.getString("execution_arn"),
        rs.getLong("task_id"),
        (Map<String, Object>) Json.parse(rs.getString("spec")),
        JobPoll.Phase.valueOf(rs.getString("phase")),
        rs.getString("job_id"),
        rs.getInt("polls"),
        rs.getTimestamp("next_poll_at").toInstant(),
        rs.getString("claim"),
        rs.getTimestamp("claimed_until").toInstant());
  }
}
