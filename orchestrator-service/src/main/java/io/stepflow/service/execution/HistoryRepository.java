package io.stepflow.service.execution;

import io.stepflow.asl.json.Json;
import io.stepflow.engine.HistoryEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only history: events numbered 1..n per execution, never changed once written. */
@Repository
class HistoryRepository {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  HistoryRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** Appends one transition's events in one batch; the key (execution, id) refuses a rewrite. */
  void append(String executionArn, List<HistoryEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>(events.size());
    for (HistoryEvent e : events) {
      rows.add(
          new Object[] {
            executionArn,
            e.id(),
            e.previousEventId(),
            Timestamp.from(e.timestamp()),
            e.type(),
            Json.write(e.details()),
            Json.write(e.internal()),
            e.visible()
          });
    }
    batch.batchUpdate(
        "INSERT INTO history_event (execution_arn, id, previous_event_id, event_time, type,"
            + " details, internal, visible) VALUES (?,?,?,?,?,?,?,?)",
        rows);
  }

  /** Every event, in order: what the engine replays. */
  List<HistoryEvent> all(String executionArn) {
    return jdbc.sql(
            "SELECT id, previous_event_id, event_time, type, details, internal FROM history_event"
                + " WHERE execution_arn = ? ORDER BY id")
        .param(executionArn)
        .query(HistoryRepository::map)
        .list();
  }

  @SuppressWarnings("unchecked")
  private static HistoryEvent map(ResultSet rs, int row) throws SQLException {
    return new HistoryEvent(
        rs.getLong("id"),
        rs.getLong("previous_event_id"),
        rs.getTimestamp("event_time").toInstant(),
        rs.getString("type"),
        (Map<String, Object>) Json.parse(rs.getString("details")),
        (Map<String, Object>) Json.parse(rs.getString("internal")));
  }
}
