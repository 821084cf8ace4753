package io.stepflow.service.nested;

import io.stepflow.connectors.IntegrationPattern;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The nested_execution table: which parent task started which child, and how it waits. */
@Repository
public class NestedExecutionLinks {

  /** One parent task's child. */
  public record Link(
      String childArn, String parentArn, long parentTaskId, IntegrationPattern pattern) {}

  private static final String COLUMNS = "child_arn, parent_arn, parent_task_id, integration";

  private final JdbcClient jdbc;
  private final Clock clock;

  NestedExecutionLinks(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records the link in the caller's transaction (the one that inserts the child). */
  void record(Link link) {
    jdbc.sql(
            "INSERT INTO nested_execution (child_arn, parent_arn, parent_task_id, integration,"
                + " created_at) VALUES (?,?,?,?,?)")
        .params(
            link.childArn(),
            link.parentArn(),
            link.parentTaskId(),
            link.pattern().name(),
            Timestamp.from(clock.instant()))
        .update();
  }

  /** The child that a parent's task started, if it started one. */
  Optional<Link> byParentTask(String parentArn, long parentTaskId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM nested_execution WHERE parent_arn = ? AND parent_task_id = ?")
        .params(parentArn, parentTaskId)
        .query(NestedExecutionLinks::map)
        .optional();
  }

  Optional<Link> byChild(String childArn) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM nested_execution WHERE child_arn = ?")
        .param(childArn)
        .query(NestedExecutionLinks::map)
        .optional();
  }

  /** The executions that Task states of {@code parentArn} started, oldest first. */
  public List<Link> children(String parentArn) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM nested_execution WHERE parent_arn = ? ORDER BY parent_task_id")
        .param(parentArn)
        .query(NestedExecutionLinks::map)
        .list();
  }

  private static Link map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Link(
        rs.getString("child_arn"),
        rs.getString("parent_arn"),
        rs.getLong("parent_task_id"),
        IntegrationPattern.valueOf(rs.getString("integration")));
  }
}
