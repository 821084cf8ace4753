package io.stepflow.service.execution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The execution table, in explicit SQL. */
@Repository
class ExecutionRepository {

  private static final String COLUMNS =
      "arn, state_machine_arn, state_machine_version_arn, state_machine_alias_arn, name,"
          + " definition, role_arn, status, input, output, error, cause, start_date, stop_date,"
          + " last_event_id, redrive_count, parent_execution_arn";

  private final JdbcClient jdbc;

  ExecutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the execution unless one of that ARN exists; false when it did. A concurrent insert of
   * the same ARN waits for the other transaction and then reports that it exists.
   */
  boolean insertIfAbsent(ExecutionRecord e) {
    return jdbc.sql(
                "INSERT INTO execution (arn, state_machine_arn, state_machine_version_arn,"
                    + " state_machine_alias_arn, name, definition, role_arn, status, input,"
                    + " start_date, parent_execution_arn) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT DO NOTHING")
            .params(
                e.arn(),
                e.stateMachineArn(),
                e.versionArn(),
                e.aliasArn(),
                e.name(),
                e.definition(),
                e.roleArn(),
                e.status(),
                e.input(),
                Timestamp.from(e.startDate()),
                e.parentExecutionArn())
            .update()
        == 1;
  }

  Optional<ExecutionRecord> find(String arn) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM execution WHERE arn = ?")
        .param(arn)
        .query(ExecutionRepository::map)
        .optional();
  }

  /**
   * Reads the execution and locks its row until the transaction ends: every command on one
   * execution is applied by one worker at a time, across instances.
   */
  Optional<ExecutionRecord> lock(String arn) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM execution WHERE arn = ? FOR UPDATE")
        .param(arn)
        .query(ExecutionRepository::map)
        .optional();
  }

  void update(
      String arn,
      String status,
      String output,
      String error,
      String cause,
      Instant stopDate,
      long lastEventId,
      int redriveCount) {
    jdbc.sql(
            "UPDATE execution SET status = ?, output = ?, error = ?, cause = ?, stop_date = ?,"
                + " last_event_id = ?, redrive_count = ? WHERE arn = ?")
        .params(
            status,
            output,
            error,
            cause,
            stopDate == null ? null : Timestamp.from(stopDate),
            lastEventId,
            redriveCount,
            arn)
        .update();
  }

  /** Executions newest first, filtered; {@code afterStart}/{@code afterArn} continue a page. */
  List<ExecutionRecord> list(ExecutionQuery query, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM execution WHERE 1 = 1");
    List<Object> params = new java.util.ArrayList<>();
    if (query.stateMachineArn() != null) {
      sql.append(" AND state_machine_arn = ?");
      params.add(query.stateMachineArn());
    }
    if (query.versionOrAliasArn() != null) {
      sql.append(" AND (state_machine_version_arn = ? OR state_machine_alias_arn = ?)");
      params.add(query.versionOrAliasArn());
      params.add(query.versionOrAliasArn());
    }
    if (query.status() != null) {
      sql.append(" AND status = ?");
      params.add(query.status());
    }
    if (query.namePrefix() != null) {
      sql.append(" AND name LIKE ?");
      params.add(query.namePrefix().replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (query.startedFrom() != null) {
      sql.append(" AND start_date >= ?");
      params.add(Timestamp.from(query.startedFrom()));
    }
    if (query.startedTo() != null) {
      sql.append(" AND start_date < ?");
      params.add(Timestamp.from(query.startedTo()));
    }
    if (query.after() != null) {
      // keyset paging: strictly after the last row of the previous page, newest first
      sql.append(" AND (start_date < ? OR (start_date = ? AND arn < ?))");
      Timestamp at = Timestamp.from(query.after().startDate());
      params.add(at);
      params.add(at);
      params.add(query.after().arn());
    }
    sql.append(" ORDER BY start_date DESC, arn DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(ExecutionRepository::map).list();
  }

  private static ExecutionRecord map(ResultSet rs, int row) throws SQLException {
    return new ExecutionRecord(
        rs.getString("arn"),
        rs.getString("state_machine_arn"),
        rs.getString("state_machine_version_arn"),
        rs.getString("state_machine_alias_arn"),
        rs.getString("name"),
        rs.getString("definition"),
        rs.getString("role_arn"),
        rs.getString("status"),
        rs.getString("input"),
        rs.getString("output"),
        rs.getString("error"),
        rs.getString("cause"),
        instant(rs.getTimestamp("start_date")),
        instant(rs.getTimestamp("stop_date")),
        rs.getLong("last_event_id"),
        rs.getInt("redrive_count"),
        rs.getString("parent_execution_arn"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
